select x in a b; do break; done
while read l; do :; done < f
until false; do :; done
if a; then b; elif c; then d; else e; fi