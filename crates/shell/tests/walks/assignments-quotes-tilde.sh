FOO=bar BAZ="a b" env -i sort -k2 "$file" 'lit $x' ~/notes
