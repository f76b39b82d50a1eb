echo $(ls | grep -v ^p$)
