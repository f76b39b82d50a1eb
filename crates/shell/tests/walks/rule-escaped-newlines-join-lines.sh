ls \
  -la fo\
o \
"x"