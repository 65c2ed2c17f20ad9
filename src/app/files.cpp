// Reading inputs and writing the PDF atomically (temporary file + rename).
#include "app/files.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace galley::app {

namespace fs = std::filesystem;

namespace {

/// Appends everything `fd` yields until end of file; false on a read error. `size_hint` (a
/// regular file's size) sizes the buffer once, so the whole file arrives in one read call with
/// no reallocation; what follows (a stream, or a file that grew meanwhile) comes through a
/// small buffer, so checking for the end never grows the vector (which copied every font once).
bool read_all(int fd, Bytes& data, std::size_t size_hint) {
    if (size_hint > kMaxInputBytes) {
        errno = EFBIG;
        return false;
    }
    const auto read_some = [fd](std::uint8_t* to, std::size_t size) {
        ssize_t n;
        do n = ::read(fd, to, size);
        while (n < 0 && errno == EINTR);
        return n;
    };
    const std::size_t start = data.size();
    data.resize(start + size_hint);
    for (std::size_t got = 0; got < size_hint;) {
        const ssize_t n = read_some(data.data() + start + got, size_hint - got);
        if (n < 0) return false;
        if (n == 0) {
            data.resize(start + got);
            return true;
        }
        got += static_cast<std::size_t>(n);
    }
    std::uint8_t chunk[1 << 16];
    while (true) {
        const ssize_t n = read_some(chunk, sizeof chunk);
        if (n <= 0) return n == 0;
        if (data.size() - start + static_cast<std::size_t>(n) > kMaxInputBytes) {
            errno = EFBIG;  // a stream that never ends (`galley /dev/zero`) is not read to the end
            return false;
        }
        data.insert(data.end(), chunk, chunk + n);
    }
}

}  // namespace

namespace {

/// An open descriptor for reading `path` and its status; -1 if it cannot be opened or is a
/// folder.
int open_for_reading(const std::string& path, struct stat& st) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        ::close(fd);
        return -1;
    }
    return fd;
}

/// An open descriptor for a file the document refers to, and its status: a regular file of at
/// most kMaxReferencedBytes, or -1. The open does not block (a FIFO with no writer would).
int open_referenced(const std::string& path, struct stat& st) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return -1;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::uint64_t>(st.st_size) > kMaxReferencedBytes) {
        ::close(fd);
        return -1;
    }
    return fd;
}

/// Reads what `fd` holds and closes it.
std::optional<Bytes> read_and_close(int fd, const struct stat& st) {
    Bytes data;
    const bool ok = read_all(fd, data, S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0);
    ::close(fd);
    if (!ok) return std::nullopt;
    return data;
}

}  // namespace

std::optional<Bytes> read_file(const std::string& path) {
    struct stat st {};
    const int fd = open_for_reading(path, st);
    if (fd < 0) return std::nullopt;
    return read_and_close(fd, st);
}

std::optional<Bytes> read_referenced_file(const std::string& path) {
    struct stat st {};
    const int fd = open_referenced(path, st);
    if (fd < 0) return std::nullopt;
    // Only the bytes the file had when opened: one that grows meanwhile is not followed.
    Bytes data(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < data.size()) {
        const ssize_t n = ::read(fd, data.data() + got, data.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (got != data.size()) return std::nullopt;
    return data;
}

std::optional<SharedBytes> map_file(const std::string& path) {
    struct stat st {};
    const int fd = open_referenced(path, st);
    if (fd < 0) return std::nullopt;
    if (st.st_size > 0) {
        const auto size = static_cast<std::size_t>(st.st_size);
        void* at = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (at != MAP_FAILED) {
            ::close(fd);
            std::shared_ptr<const void> owner(at, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
            return SharedBytes{{static_cast<const std::uint8_t*>(at), size}, std::move(owner)};
        }
    }
    std::optional<Bytes> bytes = read_and_close(fd, st);
    if (!bytes) return std::nullopt;
    return SharedBytes::holding(std::move(*bytes));
}

std::optional<Bytes> read_stdin() {
    Bytes data;
    // A read error (a folder as input, an I/O error) is not the end of the document.
    if (!read_all(STDIN_FILENO, data, 0)) return std::nullopt;
    return data;
}

namespace {

/// Writes all of `data` to `fd`; false with errno set on failure.
bool write_all(int fd, std::string_view data) {
    const char* p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

namespace {

/// Where a chain of symbolic links ends, even when its last target does not exist yet.
fs::path follow_links(fs::path p) {
    std::error_code ec;
    for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(p, ec)); ++hops) {
        const fs::path to = fs::read_symlink(p, ec);
        if (ec) break;
        p = to.is_absolute() ? to : p.parent_path() / to;
    }
    return p;
}

}  // namespace

std::optional<FileId> file_id(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return FileId{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

std::optional<FileId> stdin_file_id() {
    struct stat st {};
    // A pipe too: writing the output into the pipe galley reads from would block for ever.
    if (::fstat(STDIN_FILENO, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
        return std::nullopt;
    return FileId{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

std::string replacement_refusal(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
    if (st.st_uid != ::geteuid()) return "it belongs to another user";
    if ((st.st_mode & S_IWUSR) == 0) return "it is read-only";
    return {};
}

void release_fifo_reader(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISFIFO(st.st_mode)) return;
    // Without a reader this fails at once (ENXIO), which is as good.
    if (const int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC); fd >= 0) ::close(fd);
}

bool writes_in_place(const std::string& path) {
    // The status of what the path leads to, as the kernel follows it: /dev/stdout reaches a pipe
    // through /proc/self/fd/1, whose link text names no file.
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    return fs::exists(status) && !fs::is_regular_file(status) && !fs::is_directory(status);
}

namespace {

/// An unnamed file in `dir` (O_TMPFILE), which a SIGKILL cannot leave behind; -1 where the file
/// system or kernel has none, or no way to give it a name later (link_unnamed) is open to us.
int open_unnamed(const fs::path& dir) {
#ifdef O_TMPFILE
    // AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH; anyone can link through /proc/self/fd.
    if (::geteuid() != 0 && ::access("/proc/self/fd", X_OK) != 0) return -1;
    return ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#else
    (void)dir;
    return -1;
#endif
}

/// Gives the unnamed file `fd` the name `name`; false with errno set.
bool link_unnamed(int fd, const std::string& name) {
    if (::linkat(fd, "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH) == 0) return true;
    const std::string proc = "/proc/self/fd/" + std::to_string(fd);
    return ::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0;
}

}  // namespace

std::unique_ptr<AtomicFile> AtomicFile::create(const std::string& path, std::string& error) {
    std::error_code ec;
    if (fs::is_directory(fs::status(path, ec))) {
        error = "cannot write '" + path + "': it is a folder";
        return nullptr;
    }
    // A symbolic link keeps pointing where it did: the file it leads to is written.
    const fs::path target = follow_links(path);
    if (fs::is_symlink(fs::symlink_status(target, ec))) {
        error = "cannot write '" + path + "': too many levels of symbolic links";
        return nullptr;
    }
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // The name beside the target, cut so that it stays within a file name's 255 bytes.
    std::string tmpl = (dir / ("." + target.filename().string().substr(0, 200) + ".XXXXXX")).string();
    if (const int fd = open_unnamed(dir); fd >= 0)
        return std::unique_ptr<AtomicFile>(new AtomicFile(path, target.string(), tmpl, fd, true));
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        error = "cannot write '" + path + "': cannot create a file in '" + dir.string() + "': " + std::strerror(errno);
        return nullptr;
    }
    auto file = std::unique_ptr<AtomicFile>(new AtomicFile(path, target.string(), tmpl, fd, false));
    file->track();
    return file;
}

namespace {

/// The temporary files a signal handler removes: those of the AtomicFiles being written (one per
/// render; several renders run at once with several inputs). A slot's path lives in a fixed
/// buffer, which a handler may read; `live` says it is complete.
struct TrackedFile {
    std::atomic<bool> taken{false};
    std::atomic<bool> live{false};
    char path[4096];
};
constexpr int kTrackedFiles = 64;
TrackedFile g_tracked[kTrackedFiles];
/// The exit status for SIGINT when the process exits with it rather than dying of it
/// (exit_on_interrupt); -1 to die of the signal.
std::atomic<int> g_interrupt_status{-1};

void remove_temporary_files() {
    for (TrackedFile& t : g_tracked)
        if (t.live.load()) ::unlink(t.path);
}

void remove_and_reraise(int sig) {
    remove_temporary_files();
    if (sig == SIGINT && g_interrupt_status.load() >= 0) ::_exit(g_interrupt_status.load());
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

}  // namespace

void AtomicFile::track() {
    untrack();
    if (temp_.size() >= sizeof g_tracked[0].path) return;
    for (int i = 0; i < kTrackedFiles; ++i) {
        bool free = false;
        if (!g_tracked[i].taken.compare_exchange_strong(free, true)) continue;
        std::memcpy(g_tracked[i].path, temp_.c_str(), temp_.size() + 1);
        g_tracked[i].live = true;
        slot_ = i;
        return;
    }
}

void AtomicFile::untrack() {
    if (slot_ < 0) return;
    g_tracked[slot_].live = false;
    g_tracked[slot_].taken = false;
    slot_ = -1;
}

void remove_temporary_file_on_signals() {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, remove_and_reraise);
}

void exit_on_interrupt(int status) {
    g_interrupt_status = status;
    remove_temporary_file_on_signals();
}

void open_standard_streams() {
    // A stream closed by the caller (`2>&-`) would otherwise be the next file galley opens, and
    // warnings would be written into the PDF.
    for (int fd = 0; fd <= 2; ++fd)
        if (::fcntl(fd, F_GETFD) == -1 && errno == EBADF) ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
}

AtomicFile::~AtomicFile() {
    untrack();
    if (fd_ >= 0) ::close(fd_);
    if (!unnamed_) ::unlink(temp_.c_str());
}

bool AtomicFile::write(std::string_view bytes) {
    if (errno_ == 0 && !write_all(fd_, bytes)) errno_ = errno;
    return errno_ == 0;
}

bool AtomicFile::restart() {
    if (errno_ == 0 && (::ftruncate(fd_, 0) != 0 || ::lseek(fd_, 0, SEEK_SET) != 0)) errno_ = errno;
    return errno_ == 0;
}

std::string AtomicFile::write_error() const {
    return errno_ == 0 ? std::string() : "cannot write '" + path_ + "': " + std::strerror(errno_);
}

bool AtomicFile::commit(std::string& error) {
    if (errno_ == 0 && ::fsync(fd_) != 0) errno_ = errno;
    // mkstemp creates 0600: a file replaced keeps its permissions (a private PDF stays
    // private); a new one is an ordinary document, readable as the umask allows.
    struct stat old {};
    if (::stat(target_.c_str(), &old) == 0) {
        ::fchmod(fd_, old.st_mode & 07777);
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        ::fchmod(fd_, 0666 & ~mask);
    }
    if (errno_ == 0 && unnamed_) name_unnamed();
    ::close(fd_);
    fd_ = -1;
    if (errno_ == 0 && ::rename(temp_.c_str(), target_.c_str()) != 0) errno_ = errno;
    if (errno_ != 0) {
        error = write_error();
        return false;
    }
    untrack();
    unnamed_ = true;  // renamed: nothing left to remove
    return true;
}

void AtomicFile::name_unnamed() {
    // A fresh name beside the target, as mkstemp would choose, for the moment before the rename.
    const std::string prefix = temp_.substr(0, temp_.size() - 6);
    for (unsigned attempt = 0; attempt < 100; ++attempt) {
        char suffix[7];
        std::snprintf(suffix, sizeof suffix, "%06x", static_cast<unsigned>(::getpid() * 7919u + attempt * 104729u) & 0xffffffu);
        temp_ = prefix + suffix;
        track();
        if (link_unnamed(fd_, temp_)) {
            unnamed_ = false;
            return;
        }
        untrack();
        if (errno != EEXIST) break;
    }
    errno_ = errno;
}

bool write_file_atomic(const std::string& path, const Bytes& data, std::string& error) {
    const std::string_view bytes(reinterpret_cast<const char*>(data.data()), data.size());
    if (writes_in_place(path)) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd >= 0 && ::isatty(fd)) {
            ::close(fd);
            error = "not writing a PDF to the terminal '" + path + "'";
            return false;
        }
        const bool ok = fd >= 0 && write_all(fd, bytes);
        const int saved = errno;
        if (fd >= 0) ::close(fd);
        if (!ok) error = "cannot write '" + path + "': " + std::strerror(saved);
        return ok;
    }
    std::unique_ptr<AtomicFile> file = AtomicFile::create(path, error);
    if (!file) return false;
    file->write(bytes);  // a failure is reported by commit()
    return file->commit(error);
}

std::string data_dir(const std::string& source_dir_fallback) {
    if (const char* env = std::getenv("GALLEY_DATA_DIR"); env && *env) return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "galley";
        if (fs::exists(installed / "fonts", ec)) return installed.string();
    }
    return source_dir_fallback;
}

std::string module_file(const std::string& name) {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path() / GALLEY_MODULE_FROM_BIN / name;
        if (fs::exists(installed, ec)) return installed.lexically_normal().string();
    }
    return (fs::path(GALLEY_BUILD_MODULE_DIR) / name).string();
}

}  // namespace galley::app
