: <<=cut
text
=cut
