// The C++ side of tmpl.h. Kept deliberately small: wrap, catch, translate.
#include "view/tmpl.h"

#include <dirent.h>
#include <string.h>

#include <cstdio>
#include <new>
#include <string>

#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

extern const ctemplate::StaticTemplateString *const tmpl_names[T__MAX];

struct tmpl_dict {
	ctemplate::TemplateDictionary *dict;
	tmpl_dict *root;           // where the failure flag lives
	bool failed;
	bool owned;                // top-level: delete dict on free
	tmpl_dict *children;       // wrappers of sub-dictionaries, freed with the root
	tmpl_dict *next;
};

namespace {

// Appends expansion output to a struct buf without an intermediate std::string.
class BufEmitter : public ctemplate::ExpandEmitter {
public:
	explicit BufEmitter(struct buf *b) : b_(b) {}
	void Emit(char c) override { buf_putc(b_, c); }
	void Emit(const std::string &s) override { buf_append(b_, s.data(), s.size()); }
	void Emit(const char *s) override { buf_puts(b_, s); }
	void Emit(const char *s, size_t n) override { buf_append(b_, s, n); }
private:
	struct buf *b_;
};

const ctemplate::TemplateString name_of(enum tmpl_name n)
{
	return ctemplate::TemplateString(*tmpl_names[n]);
}

void mark_failed(tmpl_dict *d)
{
	if (d)
		d->root->failed = true;
}

tmpl_dict *wrap_child(tmpl_dict *parent, ctemplate::TemplateDictionary *child)
{
	tmpl_dict *w = new (std::nothrow) tmpl_dict();
	if (!w) {
		mark_failed(parent);
		return nullptr;
	}
	w->dict = child;
	w->root = parent->root;
	w->owned = false;
	w->next = parent->root->children;
	parent->root->children = w;
	return w;
}

int load_dir(const std::string &root, const std::string &sub)
{
	DIR *dir = opendir((root + "/" + sub).c_str());
	if (!dir) {
		std::fprintf(stderr, "templates: cannot open %s/%s\n", root.c_str(), sub.c_str());
		return -1;
	}
	int count = 0;
	while (struct dirent *e = readdir(dir)) {
		std::string name = e->d_name;
		if (name.size() < 5 || name.compare(name.size() - 4, 4, ".tpl") != 0)
			continue;
		if (!ctemplate::LoadTemplate(sub + "/" + name, ctemplate::DO_NOT_STRIP)) {
			std::fprintf(stderr, "templates: cannot load %s/%s\n", sub.c_str(), name.c_str());
			count = -1;
			break;
		}
		count++;
	}
	closedir(dir);
	return count;
}

}  // namespace

extern "C" int tmpl_load_all(const char *root)
{
	try {
		ctemplate::TemplateCache *cache = ctemplate::mutable_default_template_cache();
		cache->SetTemplateRootDirectory(root);
		int total = 0;
		DIR *dir = opendir(root);
		if (!dir) {
			std::fprintf(stderr, "templates: cannot open %s\n", root);
			return -1;
		}
		while (struct dirent *e = readdir(dir)) {
			if (e->d_name[0] == '.' || e->d_type != DT_DIR)
				continue;
			int n = load_dir(root, e->d_name);
			if (n < 0) {
				total = -1;
				break;
			}
			total += n;
		}
		closedir(dir);
		if (total > 0)
			cache->Freeze();
		return total > 0 ? total : -1;
	} catch (...) {
		return -1;
	}
}

extern "C" tmpl_dict *tmpl_new(void)
{
	tmpl_dict *d = new (std::nothrow) tmpl_dict();
	if (!d)
		return nullptr;
	try {
		d->dict = new ctemplate::TemplateDictionary("page");
	} catch (...) {
		delete d;
		return nullptr;
	}
	d->root = d;
	d->owned = true;
	return d;
}

extern "C" void tmpl_free(tmpl_dict *d)
{
	if (!d)
		return;
	for (tmpl_dict *c = d->children; c;) {
		tmpl_dict *next = c->next;
		delete c;
		c = next;
	}
	if (d->owned)
		delete d->dict;
	delete d;
}

extern "C" void tmpl_setn(tmpl_dict *d, enum tmpl_name name, const char *value, size_t len)
{
	if (!d)
		return;
	try {
		d->dict->SetValue(name_of(name), ctemplate::TemplateString(value ? value : "", value ? len : 0));
	} catch (...) {
		mark_failed(d);
	}
}

extern "C" void tmpl_set(tmpl_dict *d, enum tmpl_name name, const char *value)
{
	tmpl_setn(d, name, value, value ? strlen(value) : 0);
}

extern "C" void tmpl_set_int(tmpl_dict *d, enum tmpl_name name, long long value)
{
	char s[24];
	int n = std::snprintf(s, sizeof(s), "%lld", value);
	tmpl_setn(d, name, s, (size_t)n);
}

extern "C" void tmpl_show(tmpl_dict *d, enum tmpl_name section)
{
	if (!d)
		return;
	try {
		d->dict->ShowSection(name_of(section));
	} catch (...) {
		mark_failed(d);
	}
}

extern "C" tmpl_dict *tmpl_section(tmpl_dict *d, enum tmpl_name section)
{
	if (!d)
		return nullptr;
	try {
		return wrap_child(d, d->dict->AddSectionDictionary(name_of(section)));
	} catch (...) {
		mark_failed(d);
		return nullptr;
	}
}

extern "C" tmpl_dict *tmpl_include(tmpl_dict *d, enum tmpl_name name, const char *file)
{
	if (!d)
		return nullptr;
	try {
		ctemplate::TemplateDictionary *child = d->dict->AddIncludeDictionary(name_of(name));
		child->SetFilename(file);
		return wrap_child(d, child);
	} catch (...) {
		mark_failed(d);
		return nullptr;
	}
}

extern "C" int tmpl_expand(const char *file, const tmpl_dict *d, struct buf *out)
{
	if (!d || d->root->failed || out->failed)
		return -1;
	size_t mark = out->len;
	bool ok = false;
	try {
		BufEmitter emitter(out);
		ok = ctemplate::default_template_cache()->ExpandNoLoad(
			file, ctemplate::DO_NOT_STRIP, d->dict, nullptr, &emitter);
	} catch (...) {
		ok = false;
	}
	if (!ok || out->failed) {
		// Expansion can fail after writing part of the page: drop that part.
		out->failed = false;
		out->len = mark;
		if (out->data)
			out->data[mark] = '\0';
		return -1;
	}
	return 0;
}
