a=`b`
c=` d`
