 ((echo a) | cat)
