cat <<EOF
$(date)
EOF