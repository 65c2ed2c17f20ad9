// Vector pictures through the worker process (worker.h), which draws them with the module
// (module/abi.h) under a CPU-time and a memory limit.
#include "picture/vector.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "picture/worker.h"

extern char** environ;

namespace galley::picture {

namespace {

/// A worker that is blocked, not busy, is not stopped by its CPU limit: past this many times
/// that limit in wall-clock time, and at least kMinWallSeconds (a loaded machine gives a busy
/// worker a fraction of a core), it is stopped all the same.
constexpr unsigned kWallPerCpu = 6;
constexpr unsigned kMinWallSeconds = 60;

unsigned wall_seconds(const WorkerLimits& limits) { return std::max(limits.cpu_seconds * kWallPerCpu, kMinWallSeconds); }
/// The largest reply taken from a worker, in bytes: a picture's objects are far below it.
constexpr std::uint64_t kMaxReply = std::uint64_t{1} << 32;

std::string_view head(std::span<const std::uint8_t> bytes, std::size_t n) {
    return {reinterpret_cast<const char*>(bytes.data()), std::min(bytes.size(), n)};
}

bool send_all(int fd, const void* data, std::size_t n) {
    const auto* p = static_cast<const char*>(data);
    while (n > 0) {
        // MSG_NOSIGNAL: a worker that died gives an error here, not a SIGPIPE to galley.
        const ssize_t put = ::send(fd, p, n, MSG_NOSIGNAL);
        if (put < 0 && errno == EINTR) continue;
        if (put <= 0) return false;
        p += put;
        n -= static_cast<std::size_t>(put);
    }
    return true;
}

/// Reads `n` bytes before `deadline`; false on the worker's end, an error or the deadline
/// (then `timed_out` is set).
bool receive(int fd, char* out, std::size_t n, std::chrono::steady_clock::time_point deadline, bool& timed_out) {
    while (n > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timed_out = true;
            return false;
        }
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1'000'000)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) return false;
        if (ready == 0) continue;
        const ssize_t got = ::recv(fd, out, n, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        out += got;
        n -= static_cast<std::size_t>(got);
    }
    return true;
}

/// The most pixels of a raster embedded in an SVG (a data: URL), as for a picture of its own
/// (layout's image_file.cpp): librsvg decodes it whole, and a 20,000 px PNG of 1.5 MB took
/// 1.6 GB and 7 s before drawing nothing.
constexpr std::uint64_t kMaxEmbeddedPixels = 100'000'000;

/// The value of base64 digit `c` (RFC 4648), or -1.
int base64_digit(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/// Why an SVG cannot be drawn for a PNG it embeds as a data: URL whose IHDR (PNG 11.2.2: width
/// and height, big-endian, at bytes 16 and 20) asks for more than kMaxEmbeddedPixels; empty
/// when none does.
std::string embedded_raster_problem(std::string_view svg) {
    static constexpr std::string_view kPng = "data:image/png;base64,";
    for (std::size_t at = svg.find(kPng); at != std::string_view::npos; at = svg.find(kPng, at + 1)) {
        std::uint8_t head[24] = {};
        std::size_t got = 0;
        std::uint32_t bits = 0;
        int count = 0;
        for (std::size_t i = at + kPng.size(); i < svg.size() && got < sizeof head; ++i) {
            const int d = base64_digit(svg[i]);
            if (d < 0) break;
            bits = bits << 6 | static_cast<std::uint32_t>(d);
            if ((count += 6) >= 8) head[got++] = static_cast<std::uint8_t>(bits >> (count -= 8));
        }
        if (got < sizeof head || std::memcmp(head + 12, "IHDR", 4) != 0) continue;
        const auto be32 = [&head](int o) {
            return std::uint64_t{head[o]} << 24 | std::uint64_t{head[o + 1]} << 16 | std::uint64_t{head[o + 2]} << 8 | head[o + 3];
        };
        const std::uint64_t pixels = be32(16) * be32(20);
        if (pixels > kMaxEmbeddedPixels)
            return "embeds a PNG of " + std::to_string(pixels / 1'000'000) + " megapixels (galley takes at most " +
                   std::to_string(kMaxEmbeddedPixels / 1'000'000) + ")";
    }
    return {};
}

}  // namespace

bool looks_like_svg(std::span<const std::uint8_t> bytes) { return head(bytes, 4096).find("<svg") != std::string_view::npos; }

bool looks_like_pdf(std::span<const std::uint8_t> bytes) { return head(bytes, 1024).find("%PDF-") != std::string_view::npos; }

WorkerLimits default_worker_limits() {
    WorkerLimits limits;
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    limits.memory_mb = 0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
    limits.memory_mb = 0;
#endif
#endif
    return limits;
}

VectorReader::VectorReader(std::string module_path, WorkerLimits limits)
    : module_path_(std::move(module_path)), limits_(limits) {}

VectorReader::~VectorReader() {
    if (pid_ >= 0) {
        ::close(socket_);  // the worker reads the end of its input and exits
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
    }
}

bool VectorReader::start(std::string& problem) {
    const std::string worker = (std::filesystem::path(module_path_).parent_path() / "picture-worker").string();
    int ends[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
        problem = std::string("cannot be drawn: no socket for the picture worker (") + std::strerror(errno) + ")";
        return false;
    }
    posix_spawn_file_actions_t files;
    ::posix_spawn_file_actions_init(&files);
    ::posix_spawn_file_actions_adddup2(&files, ends[1], 0);
    ::posix_spawn_file_actions_adddup2(&files, ends[1], 1);
    ::posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0);
    const std::string cpu = std::to_string(limits_.cpu_seconds), memory = std::to_string(limits_.memory_mb);
    char* argv[] = {const_cast<char*>(worker.c_str()), const_cast<char*>(module_path_.c_str()), const_cast<char*>(cpu.c_str()),
                    const_cast<char*>(memory.c_str()), nullptr};
    pid_t pid = -1;
    const int failed = ::posix_spawn(&pid, worker.c_str(), &files, nullptr, argv, environ);
    ::posix_spawn_file_actions_destroy(&files);
    ::close(ends[1]);
    if (failed != 0) {
        ::close(ends[0]);
        problem = "cannot be drawn: the picture module is not available ('" + worker + "': " + std::strerror(failed) + ")";
        return false;
    }
    pid_ = pid;
    socket_ = ends[0];
    return true;
}

std::string VectorReader::stop(bool timed_out) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
    ::close(socket_);
    pid_ = socket_ = -1;
    const std::string cpu = std::to_string(limits_.cpu_seconds) + " s";
    const bool slow = timed_out || (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU);
    slow_ += slow ? 1 : 0;
    if (timed_out) return "was not drawn within " + std::to_string(wall_seconds(limits_)) + " s";
    if (slow) return "takes more than galley's limit of " + cpu + " of CPU time per picture to draw";
    const std::string how = WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                                : "exit status " + std::to_string(WEXITSTATUS(status));
    const std::string memory = limits_.memory_mb ? " (over galley's limit of " + std::to_string(limits_.memory_mb) + " MiB?)" : "";
    return "stopped the drawing library (" + how + ")" + memory;
}

VectorPicture VectorReader::read(std::span<const std::uint8_t> bytes, bool svg, int page) {
    VectorPicture out;
    if (slow_ >= limits_.slow_pictures) {
        out.problem = "is not drawn: " + std::to_string(slow_) + (slow_ == 1 ? " picture" : " pictures") +
                      " of this document already took more than galley's time limit to draw";
        return out;
    }
    if (svg) {
        out.problem = embedded_raster_problem(head(bytes, bytes.size()));
        if (!out.problem.empty()) return out;
    }
    if (pid_ < 0 && !start(out.problem)) return out;
    wire::RequestHeader request;
    request.svg = svg ? 1 : 0;
    request.page = page;
    request.size = bytes.size();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wall_seconds(limits_));
    bool timed_out = false;
    std::uint64_t length = 0;
    std::string reply;
    const bool sent = send_all(socket_, &request, sizeof request) && send_all(socket_, bytes.data(), bytes.size());
    if (sent && receive(socket_, reinterpret_cast<char*>(&length), sizeof length, deadline, timed_out) && length <= kMaxReply) {
        reply.resize(length);
        if (!receive(socket_, reply.data(), reply.size(), deadline, timed_out)) reply.clear();
    }
    wire::Reply decoded = wire::decode_reply(reply);
    if (!decoded.complete) {
        out.problem = stop(timed_out);
        return out;
    }
    if (!decoded.ok) {
        out.problem = std::move(decoded.problem);
        return out;
    }
    out.objects = std::move(decoded.objects);
    out.box = {decoded.box[0], decoded.box[1], decoded.box[2], decoded.box[3]};
    return out;
}

}  // namespace galley::picture
