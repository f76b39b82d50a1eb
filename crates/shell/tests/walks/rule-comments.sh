# top
ls # trailing
echo a#b