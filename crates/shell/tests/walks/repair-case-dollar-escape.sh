case $x in
$m\;*) ;;
esac
