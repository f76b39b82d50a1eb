case $x in
?*' '?*) ;;
esac
