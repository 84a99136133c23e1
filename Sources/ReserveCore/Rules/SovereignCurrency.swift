import Foundation

/// ISO 3166 country -> its own currency, for the own-currency sovereign reading of RRT-QUALITY.
enum SovereignCurrency {
    static let euroArea: Set<String> = [
        "AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT",
        "SI", "SK",
    ]
    static let map: [String: String] = [
        "US": "USD", "JP": "JPY", "GB": "GBP", "CH": "CHF", "HK": "HKD", "SG": "SGD", "CN": "CNY", "CA": "CAD",
        "AU": "AUD", "NZ": "NZD", "SE": "SEK", "NO": "NOK", "DK": "DKK", "KR": "KRW", "KH": "KHR", "AE": "AED",
        "BH": "BHD",
    ]

    static func of(_ country: String) -> String? { euroArea.contains(country) ? "EUR" : map[country] }
}
