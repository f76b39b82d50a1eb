if [ -x /usr/bin/vim; then :; fi
