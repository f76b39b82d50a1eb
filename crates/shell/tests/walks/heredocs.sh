cat <<EOF2 > notes.md
Hello $USER
EOF2
cat <<-'END' | tr a-z A-Z
	indented $not_expanded
	END
tr a b <<< "here string"
