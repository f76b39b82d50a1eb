ls | cat <<EOF
some text