greet() { echo "hi $1"; }
function bye { echo bye; }
greet world
