#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU; Foundation carries its own ICU, and the two clash in `swift test`
// ('UErrorCode' has different definitions). Undefine the ICU switch before any other libxml2 header.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/SAX2.h>
#include <libxml/encoding.h>

/// `xmlFree` is a global function-pointer variable, which Swift 6 rejects.
static inline void CLibXML2_free(void *p) { xmlFree(p); }
static inline const char *CLibXML2_dotted_version(void) { return LIBXML_DOTTED_VERSION; }

#endif
