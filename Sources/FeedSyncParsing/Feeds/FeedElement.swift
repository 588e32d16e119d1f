/// The elements the builder gives a meaning to, by the names it knows them under
/// (`prefix:local`, lower-cased; core RSS/Atom/RDF/CDF names have no prefix).
enum FeedElement {
    case rss, channel, feed, image, textInput
    case author, contributor, dcContributor, name, imageDimension, url, email
    case subtitle, rights, item, language, publisher, published, updated, created, expired
    case category, itunesCategory, itunesKeywords, mediaCategory, mediaKeywords, mediaTitle, mediaGroup
    case mediaThumbnail, link, guid, title, description, abstract, info, generator, summary
    case enclosure, source, content, body, contentEncoded, itunesImage, itunesOwner
    case ttl, updatePeriod, updateFrequency, tags, mediaContent, webMaster

    static let byName: [String: FeedElement] = [
        "rss": .rss, "channel": .channel, "feed": .feed, "image": .image, "textinput": .textInput,
        "author": .author, "managingeditor": .author, "dc:author": .author, "dc:creator": .author,
        "itunes:author": .author, "contributor": .contributor, "dc:contributor": .dcContributor,
        "name": .name, "itunes:name": .name, "width": .imageDimension, "height": .imageDimension,
        "url": .url, "homepage": .url, "uri": .url, "email": .email, "itunes:email": .email,
        "subtitle": .subtitle, "tagline": .subtitle, "itunes:subtitle": .subtitle,
        "rights": .rights, "copyright": .rights, "dc:rights": .rights,
        "item": .item, "entry": .item, "language": .language, "dc:language": .language,
        "webmaster": .webMaster, "dc:publisher": .publisher,
        "published": .published, "issued": .published, "pubdate": .published, "dcterms:issued": .published,
        "updated": .updated, "modified": .updated, "lastbuilddate": .updated, "dc:date": .updated,
        "dcterms:modified": .updated, "created": .created, "dcterms:created": .created,
        "expirationdate": .expired,
        "category": .category, "keywords": .category, "dc:subject": .category,
        "itunes:category": .itunesCategory, "itunes:keywords": .itunesKeywords,
        "media:category": .mediaCategory, "media:keywords": .mediaKeywords, "media:title": .mediaTitle,
        "media:description": .description, "media:group": .mediaGroup, "media:thumbnail": .mediaThumbnail, "media:content": .mediaContent,
        "link": .link, "guid": .guid, "id": .guid, "title": .title, "dc:title": .title,
        "description": .description, "dc:description": .description, "abstract": .abstract,
        "info": .info, "feedburner:browserfriendly": .info, "generator": .generator,
        "summary": .summary, "itunes:summary": .summary, "enclosure": .enclosure, "source": .source,
        "content": .content, "body": .body, "xhtml:body": .body, "content:encoded": .contentEncoded,
        "fullitem": .contentEncoded, "itunes:image": .itunesImage, "itunes:link": .itunesImage,
        "itunes:owner": .itunesOwner,
        "tags": .tags, "ttl": .ttl, "sy:updateperiod": .updatePeriod, "sy:updatefrequency": .updateFrequency,
    ]
}
