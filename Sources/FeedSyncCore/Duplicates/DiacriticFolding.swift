/// Folds letters with diacritics to their base letters (`é` to `e`, `ё` to `е`, `ǘ` to `u`) without
/// Foundation. The table is the canonical decomposition (NFD) of the lower-case letters of Latin-1,
/// Latin Extended-A/B and Additional, Greek and Cyrillic whose decomposition is one base letter plus
/// combining marks, generated once from the Unicode Character Database; letters that do not decompose
/// but are usually written without their stroke or ligature (`ß`, `æ`, `ø`, `ł`, `đ`) are listed by hand.
enum DiacriticFolding {
    /// Pairs of (letter, base letter), concatenated.
    private static let pairs: [String] = [
        "àaáaâaãaäaåaçcèeéeêeëeìiíiîiïiñnòoóoôoõoöoùuúuûuüuýyÿyāaăaąaćcĉcċcčcďdēeĕeėeęeěeĝgğgġgģgĥhĩiīiĭi",
        "įiĵjķkĺlļlľlńnņnňnōoŏoőoŕrŗrřrśsŝsşsšsţtťtũuūuŭuůuűuųuŵwŷyźzżzžzơoưuǎaǐiǒoǔuǖuǘuǚuǜuǟaǡaǣæǧgǩkǫo",
        "ǭoǯʒǰjǵgǹnǻaǽæǿøȁaȃaȅeȇeȉiȋiȍoȏoȑrȓrȕuȗușsțtȟhȧaȩeȫoȭoȯoȱoȳyḁaḃbḅbḇbḉcḋdḍdḏdḑdḓdḕeḗeḙeḛeḝeḟfḡgḣh",
        "ḥhḧhḩhḫhḭiḯiḱkḳkḵkḷlḹlḻlḽlḿmṁmṃmṅnṇnṉnṋnṍoṏoṑoṓoṕpṗpṙrṛrṝrṟrṡsṣsṥsṧsṩsṫtṭtṯtṱtṳuṵuṷuṹuṻuṽvṿvẁwẃw",
        "ẅwẇwẉwẋxẍxẏyẑzẓzẕzẖhẗtẘwẙyẛſạaảaấaầaẩaẫaậaắaằaẳaẵaặaẹeẻeẽeếeềeểeễeệeỉiịiọoỏoốoồoổoỗoộoớoờoởoỡoợo",
        "ụuủuứuừuửuữuựuỳyỵyỷyỹy΅¨ΐιάαέεήηίιΰυϊιϋυόούυώωϓϒϔϒйиѐеёеѓгїіќкѝиўуѷѵӂжӑаӓаӗеӛәӝжӟзӣиӥиӧоӫөӭэӯуӱу",
        "ӳуӵчӹы",
    ]

    private static let table: [UInt32: String] = {
        var t: [UInt32: String] = [:]
        for line in pairs {
            let scalars = Array(line.unicodeScalars)
            var i = 0
            while i + 1 < scalars.count {
                t[scalars[i].value] = String(scalars[i + 1])
                i += 2
            }
        }
        for (letter, base) in [("ß", "ss"), ("æ", "ae"), ("œ", "oe"), ("ø", "o"), ("đ", "d"), ("ł", "l"), ("þ", "th"),
                               ("ð", "d"), ("ı", "i"), ("ħ", "h"), ("ŧ", "t"), ("ŀ", "l"), ("ĸ", "k")] {
            if let s = letter.unicodeScalars.first { t[s.value] = base }
        }
        return t
    }()

    /// `table` as UTF-8 bytes, for the byte-level normalizer.
    private static let utf8Table: [UInt32: [UInt8]] = table.mapValues { Array($0.utf8) }

    /// The base letters of a lower-case scalar, or nil when it has no diacritic to remove.
    static func fold(_ scalar: Unicode.Scalar) -> String? {
        scalar.value < 0xC0 ? nil : table[scalar.value]
    }

    /// `fold` as UTF-8 bytes.
    @inline(__always)
    static func foldedUTF8(_ scalar: Unicode.Scalar) -> [UInt8]? {
        scalar.value < 0xC0 ? nil : utf8Table[scalar.value]
    }
}
