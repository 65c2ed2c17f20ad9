// Loadable modules (dlopen): the stages that keep a heavy library out of galley's start-up
// (highlight/: Qt; picture/: librsvg, cairo, qpdf) load it on first use through this.
#pragma once

#include <string>

namespace galley {

/// The address of `symbol` in the module at `path`, which is loaded on the first call for that
/// path and never unloaded (Qt and GLib do not unload cleanly); the answer, found or not, is
/// kept for the process. nullptr with `error` set when the module cannot be loaded or lacks the
/// symbol. Safe on several threads.
void* module_symbol(const std::string& path, const char* symbol, std::string& error);

/// The interface table of a module whose entry function `symbol` returns a `const Module*`
/// with an `abi` field: nullptr with `error` set when the module cannot be loaded or its
/// `abi` is not `abi` (a module of another version). `what` names the kind in the error.
template <class Module>
const Module* load_module(const std::string& path, const char* symbol, int abi, const char* what, std::string& error) {
    using Entry = const Module* (*)();
    const auto entry = reinterpret_cast<Entry>(module_symbol(path, symbol, error));
    if (!entry) return nullptr;
    const Module* module = entry();
    if (module && module->abi == abi) return module;
    error = "'" + path + "' is not a galley " + what + " module of this version";
    return nullptr;
}

}  // namespace galley
