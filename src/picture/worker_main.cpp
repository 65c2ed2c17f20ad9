// picture-worker: draws the vector pictures one galley process asks for, one request at a time
// (worker.h), through the vector module, under a CPU-time limit per picture and a limit on its
// memory. Usage: picture-worker MODULE CPU-SECONDS MEMORY-MB (0: no memory limit). It is
// started by the picture stage with its standard input and output on a socket and stderr on
// /dev/null (librsvg's own messages are not galley's diagnostics).
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>

#include <cerrno>
#include <charconv>
#include <string>
#include <string_view>

#include "base/module.h"
#include "picture/module/abi.h"
#include "picture/worker.h"

using namespace galley::picture;

namespace {

bool read_exact(int fd, char* out, std::size_t n) {
    while (n > 0) {
        const ssize_t got = ::read(fd, out, n);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        out += got;
        n -= static_cast<std::size_t>(got);
    }
    return true;
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t put = ::write(fd, bytes.data(), bytes.size());
        if (put < 0 && errno == EINTR) continue;
        if (put <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(put));
    }
    return true;
}

unsigned long number(const char* s) {
    unsigned long n = 0;
    std::from_chars(s, s + std::string_view(s).size(), n);
    return n;
}

/// The kernel stops this process with SIGXCPU once it has used `seconds` more CPU time than
/// it has so far: the budget of the next picture.
void allow_cpu(unsigned long seconds) {
    rusage used{};
    ::getrusage(RUSAGE_SELF, &used);
    const auto spent = static_cast<rlim_t>(used.ru_utime.tv_sec + used.ru_stime.tv_sec + 1);
    rlimit cpu{};
    ::getrlimit(RLIMIT_CPU, &cpu);
    cpu.rlim_cur = spent + seconds;
    if (cpu.rlim_max != RLIM_INFINITY && cpu.rlim_cur > cpu.rlim_max) cpu.rlim_cur = cpu.rlim_max;
    ::setrlimit(RLIMIT_CPU, &cpu);
}

void limit_memory(unsigned long megabytes) {
    if (megabytes == 0) return;
    const rlimit as{static_cast<rlim_t>(megabytes) << 20, static_cast<rlim_t>(megabytes) << 20};
    ::setrlimit(RLIMIT_AS, &as);
    const rlimit core{0, 0};  // a picture that kills the worker leaves no core file behind
    ::setrlimit(RLIMIT_CORE, &core);
}

void emit(void* context, std::uint32_t index, const char* body, std::size_t body_size, const std::uint32_t* refs,
          std::size_t ref_count, int stream, int compress, const char* data, std::size_t data_size) {
    galley::frame::PdfObject o;
    o.body.assign(body, body_size);
    for (std::size_t i = 0; i < ref_count; ++i) o.refs.emplace_back(refs[2 * i], refs[2 * i + 1]);
    o.stream = stream != 0;
    o.compress = compress != 0;
    if (o.stream) o.data.assign(data, data_size);
    static_cast<wire::Encoder*>(context)->object(index, o);
}

/// Draws one request's picture into a reply.
std::string draw(const GalleyPictureModule* module, const std::string& load_error, const std::string& bytes,
                 const wire::RequestHeader& request) {
    wire::Encoder reply;
    double box[4] = {};
    if (!module) {
        reply.result(false, box, "cannot be drawn: the picture module is not available (" + load_error + ")");
    } else {
        char problem[512] = {};
        const int ok = module->read(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), request.svg ? 1 : 0,
                                    request.page, box, emit, &reply, problem, sizeof problem);
        if (!ok) reply = {};  // objects emitted before the failure are not the picture's
        reply.result(ok != 0, box, ok ? std::string_view{} : std::string_view{problem});
    }
    wire::Encoder framed;
    framed.value(std::uint64_t{reply.bytes().size()});
    framed.bytes() += reply.bytes();
    return std::move(framed.bytes());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) return 2;
    // Killed with galley: a galley stopped by SIGKILL leaves no worker drawing on (Linux).
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() == 1) return 0;  // galley died before the line above
    const unsigned long cpu_seconds = number(argv[2]);
    limit_memory(number(argv[3]));
    std::string load_error;
    const auto* module =
        galley::load_module<GalleyPictureModule>(argv[1], GALLEY_PICTURE_ENTRY, GALLEY_PICTURE_ABI, "picture", load_error);
    for (;;) {
        wire::RequestHeader request;
        if (!read_exact(0, reinterpret_cast<char*>(&request), sizeof request)) return 0;
        if (request.magic != wire::kRequestMagic) return 2;
        std::string bytes;
        bytes.resize(request.size);
        if (!read_exact(0, bytes.data(), bytes.size())) return 2;
        allow_cpu(cpu_seconds);
        if (!write_all(1, draw(module, load_error, bytes, request))) return 0;
    }
}
