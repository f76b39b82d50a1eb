for f in *.txt; do
  case "$f" in
    a*|b*) echo "starts with a or b" ;;
    *) wc -l "$f" ;;
  esac
done
while read -r line; do echo "$line"; done < input
until false; do break; done
if [ -f x ]; then cat x; elif [[ -d y ]]; then ls y; else :; fi
{ echo grouped; } ; ( cd /tmp && ls )
time -p sleep 1
! grep -q x file
