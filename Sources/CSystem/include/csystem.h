#ifndef MLSD_CSYSTEM_H
#define MLSD_CSYSTEM_H

#include <sys/vfs.h>

/// The type of the file system `fd` is on (statfs's f_type: 0xEF53 ext4, …), or 0 when unknown.
/// (Swift's Glibc module does not bring in <sys/vfs.h>.)
static inline long mlsd_file_system_type(int fd) {
    struct statfs s;
    return fstatfs(fd, &s) == 0 ? (long)s.f_type : 0;
}

#endif
