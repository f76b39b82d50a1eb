cat <<-'EOF' >out && echo ok
	body $(not run)
	EOF
wc <<A <<B
a
A
b
B
ls