// Loadable modules, each loaded once per process.
#include "base/module.h"

#include <dlfcn.h>

#include <map>
#include <mutex>
#include <utility>

namespace galley {

void* module_symbol(const std::string& path, const char* symbol, std::string& error) {
    static std::mutex lock;
    static std::map<std::pair<std::string, std::string>, std::pair<void*, std::string>> loaded;
    std::lock_guard<std::mutex> guard(lock);
    auto [it, inserted] = loaded.try_emplace({path, symbol});
    if (inserted) {
        void* address = nullptr;
        std::string why;
        ::dlerror();
        if (void* handle = ::dlopen(path.c_str(), RTLD_LAZY | RTLD_LOCAL)) {
            address = ::dlsym(handle, symbol);
            if (!address) why = "'" + path + "' has no " + symbol;
        } else {
            const char* message = ::dlerror();
            why = message ? message : "cannot load '" + path + "'";
        }
        it->second = {address, why};
    }
    error = it->second.second;
    return it->second.first;
}

}  // namespace galley
