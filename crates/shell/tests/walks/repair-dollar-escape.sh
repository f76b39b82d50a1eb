echo a$\)
