// File access for the command-line job: the only place galley touches the file system.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "galley/galley.h"

namespace galley::app {

/// The largest document or style galley reads, in bytes: 256 MB of Markdown is some 80,000
/// pages; beyond it a stream (`galley /dev/zero`) would be read until memory runs out.
inline constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;

/// Reads a whole file, or a stream to its end (a FIFO, `<(cmd)`); std::nullopt if it cannot be
/// opened or read, or holds more than kMaxInputBytes (errno EFBIG).
std::optional<Bytes> read_file(const std::string& path);

/// A regular file of at most kMaxReferencedBytes mapped read-only (mmap), so only the pages
/// used are read and nothing is copied; the mapping lasts while the result's owner lives. An
/// empty file, or one that cannot be mapped, is read. std::nullopt for anything but a regular
/// file (as read_referenced_file), or when it cannot be opened or read.
std::optional<SharedBytes> map_file(const std::string& path);

/// The largest file a document may refer to (a picture, a font, a style), in bytes.
inline constexpr std::uint64_t kMaxReferencedBytes = std::uint64_t{256} << 20;

/// Reads a file the document refers to (a picture, a font, a style, hyphenation patterns):
/// only a regular file of at most kMaxReferencedBytes; std::nullopt for anything else. A
/// device, FIFO or socket could block or never end (`![x](/dev/zero)`), so it is never read.
std::optional<Bytes> read_referenced_file(const std::string& path);

/// Reads standard input to the end; std::nullopt on a read error or past kMaxInputBytes
/// (errno says which).
std::optional<Bytes> read_stdin();

/// Whether standard output is a terminal (where a PDF must not go).
bool stdout_is_terminal();


/// A file's identity on this machine (device and inode): the same file under any of its names.
struct FileId {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    bool operator==(const FileId&) const = default;
};

/// The identity of the file `path` leads to (links followed); std::nullopt when there is none.
std::optional<FileId> file_id(const std::string& path);

/// The identity of the regular file, pipe or socket on standard input (`galley - < a.md`);
/// std::nullopt for a terminal or another device.
std::optional<FileId> stdin_file_id();

/// Why replacing the existing file `path` would surprise its owner, so that galley asks for
/// --force: "it is read-only" (no write permission for its owner), "it belongs to another
/// user". Empty when it may be replaced, or does not exist. rename() over a file needs only
/// the folder's permission, so these are checked here, as cp and mv -i would warn.
std::string replacement_refusal(const std::string& path);

/// Whether `path` is a device, pipe or socket (/dev/stdout, a FIFO): written to as it is, since
/// replacing it by a renamed file would destroy it.
bool writes_in_place(const std::string& path);

/// When `path` is a FIFO, opens it for writing and closes it at once, without waiting for a
/// reader: a reader already waiting on it (`cat out.pdf`) sees the end of an empty output
/// instead of waiting for ever after a failed render. Anything else is left alone.
void release_fifo_reader(const std::string& path);

/// A file written through a temporary file beside it and renamed over it by commit(), so that
/// `path` holds either what it held before or the whole new output, never part of it. The
/// output streams into the temporary file as it is made (an OutputSink for render()). Where
/// Linux allows (O_TMPFILE), the temporary file has no name until commit(), so even a process
/// killed by SIGKILL leaves nothing behind; elsewhere it is a hidden `.NAME.XXXXXX` beside the
/// target, removed on SIGINT, SIGTERM and SIGHUP.
class AtomicFile final : public OutputSink {
public:
    /// Creates the temporary file for `path` (following symbolic links: the file they lead to is
    /// replaced). Null with the reason in `error` when it cannot, or `path` is a folder.
    static std::unique_ptr<AtomicFile> create(const std::string& path, std::string& error);
    /// Removes the temporary file unless committed.
    ~AtomicFile() override;
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    bool write(std::string_view bytes) override;
    bool restart() override;
    /// Flushes to disk and renames over the target, which keeps its permissions (a new one gets
    /// the umask's); false with the reason in `error`, and the target unchanged.
    bool commit(std::string& error);
    /// Why a write failed ("cannot write 'out.pdf': No space left on device"); empty if none did.
    std::string write_error() const;

private:
    /// Makes this the temporary file remove_temporary_file_on_signals() removes.
    void track();
    void untrack();
    /// Links the unnamed file to a free temporary name beside the target, for the rename.
    void name_unnamed();
    AtomicFile(std::string path, std::string target, std::string temp, int fd, bool unnamed)
        : path_(std::move(path)), target_(std::move(target)), temp_(std::move(temp)), fd_(fd), unnamed_(unnamed) {}
    std::string path_;    // as given, for messages
    std::string target_;  // where the links lead
    std::string temp_;    // the temporary name (a template while the file is unnamed)
    int fd_;
    bool unnamed_;        // no name in the folder (O_TMPFILE, or renamed already): nothing to remove
    int errno_ = 0;  // the first write error
    int slot_ = -1;  // where the signal handlers find the temporary name; -1 when not tracked
};

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the temporary files of the
/// AtomicFiles being written (up to 64 at once), then end the process as the signal would have.
void remove_temporary_file_on_signals();

/// As remove_temporary_file_on_signals(), but SIGINT (Ctrl-C) ends the process with exit
/// status `status` instead: for a mode that runs until interrupted (--watch).
void exit_on_interrupt(int status);

/// Opens /dev/null on standard input, output or error where the caller closed them, so that no
/// file galley opens takes their place.
void open_standard_streams();

/// Writes `data` to `path` atomically: into a temporary file in the same folder, flushed, then
/// renamed over `path` (AtomicFile). On failure nothing at `path` changes and the message says why. A
/// symbolic link is followed (the file it leads to is replaced or created, the link stays); a
/// replaced file keeps its permissions; a device, pipe or socket is written to directly (a
/// terminal is refused); a folder is refused.
bool write_file_atomic(const std::string& path, const Bytes& data, std::string& error);

/// The folder holding galley's data (fonts/ and styles/): $GALLEY_DATA_DIR, else
/// <executable dir>/../share/galley, else the source tree the binary was built from.
std::string data_dir(const std::string& source_dir_fallback);

/// The file of loadable module `name` (e.g. "highlight-ksh.so"): beside the installed binary
/// (<executable dir>/../<libdir>/galley), else in the build tree galley was built in.
std::string module_file(const std::string& name);

}  // namespace galley::app
