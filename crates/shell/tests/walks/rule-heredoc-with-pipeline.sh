cat <<EOF | grep x
hello $y
EOF
echo done
