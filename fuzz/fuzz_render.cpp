// Fuzz target: the whole render, document bytes in, through the public API (galley/galley.h)
// as the CLI calls it, with the bundled fonts and styles and the test pictures, the PDF going
// to a sink that only counts it. An `internal` diagnostic (an exception render() caught: a bug
// in galley) is a crash here.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "galley/galley.h"

namespace {

namespace fs = std::filesystem;

/// Inputs above this are skipped, so that one run stays well under the hang timeout (the
/// render is linear, but a page of 4 KB of text takes milliseconds).
constexpr std::size_t kMaxInputBytes = 16 << 10;

const std::string kSourceDir = GALLEY_SOURCE_DIR;
const std::string kImagesDir = kSourceDir + "/tests/images";
const std::string kHyphenationDir = "/usr/share/hyphen";

/// Whether `path` lies in one of the folders a render may read: the bundled fonts and styles,
/// the test pictures and the hyphenation patterns. A document naming /dev/zero or a file of the
/// machine reads nothing (the CLI's refusals are tested by the CLI tests).
bool readable(const fs::path& path) {
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(path, ec);
    if (ec || !fs::is_regular_file(real, ec)) return false;
    for (const std::string& root : {kSourceDir + "/fonts/", kSourceDir + "/styles/", kImagesDir + "/", kHyphenationDir + "/"})
        if (real.string().starts_with(root)) return true;
    return false;
}

/// Files by path, each read once per process: a fuzz run renders thousands of documents with
/// the same fonts.
std::shared_ptr<const galley::Bytes> cached_file(const std::string& path) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const galley::Bytes>> files;
    const std::lock_guard lock(mutex);
    if (auto it = files.find(path); it != files.end()) return it->second;
    std::shared_ptr<const galley::Bytes> bytes;
    if (readable(path)) {
        std::ifstream in(path, std::ios::binary);
        bytes = std::make_shared<const galley::Bytes>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    files.emplace(path, bytes);
    return bytes;
}

/// Counts the output and forgets it.
class CountingSink final : public galley::OutputSink {
public:
    bool write(std::string_view bytes) override {
        size_ += bytes.size();
        return true;
    }
    bool restart() override {
        size_ = 0;
        return true;
    }

private:
    std::uint64_t size_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace galley;
    if (size > kMaxInputBytes) return 0;
    CountingSink sink;
    RenderOptions options;
    options.source_name = "fuzz.md";
    options.base_dir = kImagesDir;
    options.fonts_dir = kSourceDir + "/fonts";
    options.styles_dir = kSourceDir + "/styles";
    options.hyphenation_dir = kHyphenationDir;
    options.use_system_fonts = false;
    options.threads = 1;
    options.output_sink = &sink;
    options.load_file = [](const std::string& path) -> std::optional<Bytes> {
        if (auto bytes = cached_file(path)) return *bytes;
        return std::nullopt;
    };
    options.map_file = [](const std::string& path) -> std::optional<SharedBytes> {
        if (auto bytes = cached_file(path)) return SharedBytes{*bytes, bytes};
        return std::nullopt;
    };
    const RenderResult result = render(std::string_view(reinterpret_cast<const char*>(data), size), options);
    for (const Diagnostic& d : result.diagnostics) {
        if (d.code != "internal") continue;
        std::fprintf(stderr, "render() caught an exception: %s\n", d.message.c_str());
        std::abort();
    }
    return 0;
}
