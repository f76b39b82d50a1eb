a=(1 "2 3") B=2 cmd x=1
x=1 y+=2
IFS= read -r l