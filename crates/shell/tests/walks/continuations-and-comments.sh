# a comment line
tar --create \
    --file backup.tgz \
    src   # trailing comment
