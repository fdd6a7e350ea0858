/* SPDX-License-Identifier: MIT */
/*
 * libs_lazy.c - libexpat, libseccomp and zlib for outaged, each loaded
 * when first called (curl_lazy.c's way).
 *
 * The daemon parses feeds and confines itself with seccomp only in its
 * feed child (feed.c, feedsandbox.c: a process of its own, started
 * with execve), and gzips only a cached document a client asked
 * compressed (cache.c); linked at start, the three libraries cost
 * the daemon about 220 kB of resident pages it may never use.  So
 * outaged is not linked with them (the Makefile): these are the
 * functions those files call, under the libraries' own names, and the
 * first call of a library's function dlopen()s it (OD_EXPAT_SONAME,
 * OD_SECCOMP_SONAME, OD_Z_SONAME, from the Makefile) and takes the real
 * ones.  The feed child calls feed_libs_load() before its seccomp
 * filter, which would refuse the loading later.  outagectl links the
 * libraries as before and never sees this file.
 */
#include <stdarg.h>
#include <stdint.h>

#include <expat.h>
#include <seccomp.h>
#include <zlib.h>

#include "feed.h"
#include "lazy_lib.h"

#ifndef OD_EXPAT_SONAME
#define OD_EXPAT_SONAME		"libexpat.so.1"
#endif
#ifndef OD_SECCOMP_SONAME
#define OD_SECCOMP_SONAME	"libseccomp.so.2"
#endif
#ifndef OD_Z_SONAME
#define OD_Z_SONAME		"libz.so.1"
#endif

/* ---- libexpat (feed.c) ---- */

static struct {
	int loaded;
	__typeof__(XML_ParserCreate)		*parser_create;
	__typeof__(XML_ParserFree)		*parser_free;
	__typeof__(XML_SetParamEntityParsing)	*set_param_entity_parsing;
	__typeof__(XML_SetUserData)		*set_user_data;
	__typeof__(XML_SetStartDoctypeDeclHandler) *set_start_doctype;
	__typeof__(XML_SetElementHandler)	*set_element_handler;
	__typeof__(XML_SetCharacterDataHandler)	*set_cdata_handler;
	__typeof__(XML_Parse)			*parse;
	__typeof__(XML_StopParser)		*stop_parser;
	__typeof__(XML_GetErrorCode)		*get_error_code;
	__typeof__(XML_ErrorString)		*error_string;
	__typeof__(XML_GetCurrentLineNumber)	*line;
	__typeof__(XML_GetCurrentColumnNumber)	*column;
} xml;

static void
xml_load(void)
{
	const char *so = OD_EXPAT_SONAME;
	void *h;

	if (xml.loaded)
		return;
	h = lazy_open(so);
	LAZY_TAKE(h, so, xml.parser_create, "XML_ParserCreate");
	LAZY_TAKE(h, so, xml.parser_free, "XML_ParserFree");
	LAZY_TAKE(h, so, xml.set_param_entity_parsing, "XML_SetParamEntityParsing");
	LAZY_TAKE(h, so, xml.set_user_data, "XML_SetUserData");
	LAZY_TAKE(h, so, xml.set_start_doctype, "XML_SetStartDoctypeDeclHandler");
	LAZY_TAKE(h, so, xml.set_element_handler, "XML_SetElementHandler");
	LAZY_TAKE(h, so, xml.set_cdata_handler, "XML_SetCharacterDataHandler");
	LAZY_TAKE(h, so, xml.parse, "XML_Parse");
	LAZY_TAKE(h, so, xml.stop_parser, "XML_StopParser");
	LAZY_TAKE(h, so, xml.get_error_code, "XML_GetErrorCode");
	LAZY_TAKE(h, so, xml.error_string, "XML_ErrorString");
	LAZY_TAKE(h, so, xml.line, "XML_GetCurrentLineNumber");
	LAZY_TAKE(h, so, xml.column, "XML_GetCurrentColumnNumber");
	xml.loaded = 1;
}

/* Only a parser made here reaches the others: they need no load(). */
XML_Parser
XML_ParserCreate(const XML_Char *encoding)
{
	xml_load();
	return xml.parser_create(encoding);
}

void
XML_ParserFree(XML_Parser p)
{
	xml.parser_free(p);
}

int
XML_SetParamEntityParsing(XML_Parser p, enum XML_ParamEntityParsing how)
{
	return xml.set_param_entity_parsing(p, how);
}

void
XML_SetUserData(XML_Parser p, void *ud)
{
	xml.set_user_data(p, ud);
}

void
XML_SetStartDoctypeDeclHandler(XML_Parser p, XML_StartDoctypeDeclHandler h)
{
	xml.set_start_doctype(p, h);
}

void
XML_SetElementHandler(XML_Parser p, XML_StartElementHandler start,
    XML_EndElementHandler end)
{
	xml.set_element_handler(p, start, end);
}

void
XML_SetCharacterDataHandler(XML_Parser p, XML_CharacterDataHandler h)
{
	xml.set_cdata_handler(p, h);
}

enum XML_Status
XML_Parse(XML_Parser p, const char *s, int len, int is_final)
{
	return xml.parse(p, s, len, is_final);
}

enum XML_Status
XML_StopParser(XML_Parser p, XML_Bool resumable)
{
	return xml.stop_parser(p, resumable);
}

enum XML_Error
XML_GetErrorCode(XML_Parser p)
{
	return xml.get_error_code(p);
}

const XML_LChar *
XML_ErrorString(enum XML_Error code)
{
	xml_load();
	return xml.error_string(code);
}

XML_Size
XML_GetCurrentLineNumber(XML_Parser p)
{
	return xml.line(p);
}

XML_Size
XML_GetCurrentColumnNumber(XML_Parser p)
{
	return xml.column(p);
}

/* ---- libseccomp (feedsandbox.c) ---- */

static struct {
	int loaded;
	__typeof__(seccomp_init)		*init;
	__typeof__(seccomp_release)		*release;
	__typeof__(seccomp_load)		*load;
	__typeof__(seccomp_syscall_resolve_name) *resolve_name;
	__typeof__(seccomp_rule_add_array)	*rule_add_array;
} scmp;

static void
scmp_load(void)
{
	const char *so = OD_SECCOMP_SONAME;
	void *h;

	if (scmp.loaded)
		return;
	h = lazy_open(so);
	LAZY_TAKE(h, so, scmp.init, "seccomp_init");
	LAZY_TAKE(h, so, scmp.release, "seccomp_release");
	LAZY_TAKE(h, so, scmp.load, "seccomp_load");
	LAZY_TAKE(h, so, scmp.resolve_name, "seccomp_syscall_resolve_name");
	LAZY_TAKE(h, so, scmp.rule_add_array, "seccomp_rule_add_array");
	scmp.loaded = 1;
}

scmp_filter_ctx
seccomp_init(uint32_t def_action)
{
	scmp_load();
	return scmp.init(def_action);
}

void
seccomp_release(scmp_filter_ctx ctx)
{
	scmp.release(ctx);
}

int
seccomp_load(const scmp_filter_ctx ctx)
{
	return scmp.load(ctx);
}

int
seccomp_syscall_resolve_name(const char *name)
{
	scmp_load();
	return scmp.resolve_name(name);
}

/* the variadic comparisons, as the library's own wrapper passes them */
int
seccomp_rule_add(scmp_filter_ctx ctx, uint32_t action, int syscall,
    unsigned int arg_cnt, ...)
{
	struct scmp_arg_cmp args[6];
	va_list ap;

	if (arg_cnt > 6)
		return -22;	/* -EINVAL, as the library answers */
	va_start(ap, arg_cnt);
	for (unsigned i = 0; i < arg_cnt; i++)
		args[i] = va_arg(ap, struct scmp_arg_cmp);
	va_end(ap);
	return scmp.rule_add_array(ctx, action, syscall, arg_cnt, args);
}

/* ---- zlib (cache.c) ---- */

static struct {
	int loaded;
	__typeof__(deflateInit2_)	*init2;
	__typeof__(deflateBound)	*bound;
	__typeof__(deflate)		*deflate;
	__typeof__(deflateEnd)		*end;
} z;

static void
z_load(void)
{
	const char *so = OD_Z_SONAME;
	void *h;

	if (z.loaded)
		return;
	h = lazy_open(so);
	LAZY_TAKE(h, so, z.init2, "deflateInit2_");
	LAZY_TAKE(h, so, z.bound, "deflateBound");
	LAZY_TAKE(h, so, z.deflate, "deflate");
	LAZY_TAKE(h, so, z.end, "deflateEnd");
	z.loaded = 1;
}

int
deflateInit2_(z_streamp strm, int level, int method, int window_bits,
    int mem_level, int strategy, const char *version, int stream_size)
{
	z_load();
	return z.init2(strm, level, method, window_bits, mem_level, strategy,
	    version, stream_size);
}

uLong
deflateBound(z_streamp strm, uLong len)
{
	return z.bound(strm, len);
}

int
deflate(z_streamp strm, int flush)
{
	return z.deflate(strm, flush);
}

int
deflateEnd(z_streamp strm)
{
	return z.end(strm);
}

void
feed_libs_load(void)
{
	xml_load();
	scmp_load();
}
