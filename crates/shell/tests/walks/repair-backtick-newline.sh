a=`b`
c=`
	d
`
