ls
echo "unterminated here