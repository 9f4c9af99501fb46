// The functions are inline in include/csystem.h; a C target needs a source file.
#include "csystem.h"
