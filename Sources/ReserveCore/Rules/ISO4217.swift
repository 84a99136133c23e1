import Foundation

/// The codes of ISO 4217 that name a traditional reference asset: the active currencies, the
/// precious metals (XAU, XAG, XPT, XPD), the SDR (XDR) and the bond-market and fund units, plus
/// CNH, the market code of offshore yuan (PBOC-CNY reads it). Not the test and "no currency" codes
/// (XTS, XXX). The format accepts any three capital letters; a peg or a reserve line in another
/// code ("BTC") is no currency (2026-12-02). Our list, written from ISO 4217's list of 2024
/// (`tool-calibration`) and kept in the code so that a verdict does not move with the machine's
/// ICU data; checked on 2026-12-02 against ICU's (Foundation's `Locale.commonISOCurrencyCodes` on
/// Swift 6.3, Linux): the same codes but HRK and VEF, withdrawn in 2023 and 2018, which are not
/// here (a test keeps every code here among ICU's). A currency added later is refused until it
/// is added here.
enum ISO4217 {
    static let codes: Set<String> = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD",
        "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF",
        "CHW", "CLF", "CLP", "CNY", "CNH", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP",
        "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
        "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS",
        "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL",
        "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
        "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
        "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN",
        "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD",
        "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB",
        "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG",
        "ZWL",
    ]

    static func isCurrency(_ code: String) -> Bool { codes.contains(code) }
}
