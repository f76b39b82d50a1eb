f() { echo a; }
function g { ls; } > out