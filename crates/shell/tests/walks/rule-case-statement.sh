case $x in
  a|b) echo 1;;
  (c*) echo 2;&
  *) echo 3;;&
esac