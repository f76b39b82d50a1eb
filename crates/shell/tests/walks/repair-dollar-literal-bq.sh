x=`sed s/.$//`
