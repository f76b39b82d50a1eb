tar -xzvf x.tgz | grep -v foo > out 2>&1 && echo done || echo failed &
