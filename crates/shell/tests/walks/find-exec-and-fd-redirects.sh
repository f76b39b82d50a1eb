find . -name "*.tmp" -exec rm -f {} \; ; ls 2>/dev/null >>log &>all
