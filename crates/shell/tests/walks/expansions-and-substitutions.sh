echo "$(ls -l | wc -l) files" `pwd` $((1 + 2)) ${x:-y} $@ diff <(sort a) <(sort b)
