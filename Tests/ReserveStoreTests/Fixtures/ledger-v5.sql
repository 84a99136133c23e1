PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations VALUES('v1-ledger');
INSERT INTO grdb_migrations VALUES('v2-watch');
INSERT INTO grdb_migrations VALUES('v3-equivocation-index');
INSERT INTO grdb_migrations VALUES('v4-integrity');
INSERT INTO grdb_migrations VALUES('v5-runtime');
CREATE TABLE attestation (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL,
    issuer TEXT NOT NULL,
    token TEXT NOT NULL,
    attestation_id TEXT NOT NULL,
    sequence INTEGER NOT NULL CHECK (sequence >= 1),
    as_of TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    envelope_kind TEXT NOT NULL,
    envelope BLOB NOT NULL,
    envelope_sha256 TEXT NOT NULL,
    detached_signature BLOB,
    source TEXT NOT NULL,
    received_at TEXT NOT NULL,
    trusted INTEGER NOT NULL CHECK (trusted IN (0, 1)),
    accepted INTEGER NOT NULL CHECK (accepted IN (0, 1))
, timestamp_token BLOB);
INSERT INTO attestation VALUES(1,'sha256:62aba67af8c6ecb67486b4a5a759039d177c9281a5df2b9e7a899102ec7b8a1d','kizuna-yen','KZJPY','kizuna-yen-2026-10-31',12,'2026-10-31T15:00:00Z','2026-11-02T01:00:00Z','dsse',X'7b0a2020227061796c6f6164223a202265776f6749434a6d62334a74595851694f694169636d567a5a584a325a5331686448526c6333526864476c76626938784969774b49434169595852305a584e30595852706232354a5a43493649434a7261587031626d4574655756754c5449774d6a59744d5441744d7a45694c416f6749434a7a5a5846315a57356a5a534936494445794c416f6749434a686330396d496a6f67496a49774d6a59744d5441744d7a46554d5455364d4441364d4442614969774b4943416961584e7a6457566b515851694f6941694d6a41794e6930784d5330774d6c51774d546f774d446f774d466f694c416f6749434a7063334e315a5849694f6942374369416749434169615751694f69416961326c36645735684c586c6c6269497343694167494341696247566e5957784f5957316c496a6f67496b7470656e56755953425a5a573467513239756332397964476c31625342765a694246654746746347786c49454a68626d737349455634595731776247556756484a3163335167516d467561794268626d516752586868625842735a534243595735724947396d49454e766257316c636d4e6c4943686d61574e3061573975595777704969774b4943416749434a7164584a706332527059335270623234694f694169536c41694c416f6749434167496e4a6c5a33567359585270623234694f69423749434a795a57643162474630623349694f694169536b5a545153497349434a7361574e6c626d4e6c496a6f67496d4a68626d73694c43416963484a315a47567564476c6862454e6863476c30595777694f694230636e566c4c43416963484a315a47567564476c6862457870635856705a476c3065534936494852796457556766516f674948307343694167496e527661325675496a6f6765776f6749434167496e4e3562574a766243493649434a4c576b70515753497343694167494341696347566e496a6f676579416959335679636d567559336b694f694169536c425a49697767496e5a686248566c55475679565735706443493649434978496942394c416f6749434167496e4e3059574a7062476c7a59585270623234694f6941695a6d6c68644331795a584e6c636e5a6c4969774b4943416749434a766458527a644746755a476c755a7949364946736765794169626d5630643239796179493649434a7261587031626d4574626d563049697767496d6c7a6333566c5a4349364943497a4d4441774d4441774d4441774d43497349434a75623235535a57526c5a573168596d786c496a6f67496a4169494830675853774b4943416749434a755a58523362334a72637949364946736765794169626d46745a53493649434a7261587031626d4574626d563049697767496e426c636d317063334e70623235735a584e7a496a6f675a6d46736332557349434a32595778705a47463062334a7a556d566e645778686447566b496a6f6764484a315a537767496e4a706332744263334e6c63334e745a573530496a6f67496d68306448427a4f69387661326c36645735684c586c6c6269356c654746746347786c4c334a7063327376626d56306432397961794967665342644c416f6749434167496e4a6c5a47567463485270623234694f69423749434a6f6232786b5a584a7a496a6f67496d46736243497349434a7a5a585230624756745a57353052474635637949364944457349434a6d5a5756515a584a6a5a573530496a6f67496a41694c43416962576c7561573131625656756158527a496a6f67496a45694948304b494342394c416f6749434a795a584e6c636e5a6c637949364946734b4943416749487367496d6c6b496a6f67496d526c63433130636e567a6443497349434a6a6247467a6379493649434a69595735724c57526c6347397a615851694c43416959335679636d567559336b694f694169536c425a49697767496e5a686248566c496a6f67496a49774d5441774d4441774d44417749697767496d4e31633352765a486b694f6941695933567a6447396b615746754c574a6862474675593255746332686c5a5851694c4341695932467362474669624755694f694230636e566c4c416f67494341674943416959323931626e526c636e4268636e5235496a6f6765794169626d46745a53493649434a46654746746347786c49454e31633352765a486b67516d46756179497349434a7959585270626d63694f694169515373694c434169636d566e645778686447566b496a6f6764484a315a53423949483073436941674943423749434a705a43493649434a6b5a584174596d397149697767496d4e7359584e7a496a6f67496d4e6c626e527959577774596d4675617931795a584e6c636e5a6c49697767496d4e31636e4a6c626d4e35496a6f67496b70515753497349434a32595778315a534936494349784d4441314d4441774d4441774d43497349434a7063334e315a5849694f694169536c41694c4341695933567a6447396b6553493649434a7a5a5764795a5764686447566b4969774b4943416749434167496d4e31633352765a476c686269493649487367496d3568625755694f694169516d4675617942765a69424b595842686269426a64584a795a5735304947466a59323931626e51676232596752586868625842735a534255636e567a644342435957357249436830636e567a6443426859324e76645735304b53497349434a795a576431624746305a5751694f694230636e566c4948306766516f674946307343694167496d393061475679513278686157317a496a6f675731307343694167496d567564476c306157567a496a6f6757776f674943416765794169636d39735a53493649434a7063334e315a5849694c434169626d46745a53493649434a46654746746347786c49454a68626d73694c434169636d566e645778686447566b496a6f6764484a315a537767496e4a6c5a335673595852766369493649434a4b526c4e4249697767496d6476646d5679626d46755932564561584e6a6247397a64584a6c496a6f67496d68306448427a4f693876596d46756179356c654746746347786c4c326476646d5679626d46755932556949483073436941674943423749434a796232786c496a6f67496d6c7a6333566c6369497349434a755957316c496a6f67496b56345957317762475567516d4675617942765a694244623231745a584a6a5a53497349434a795a576431624746305a5751694f694230636e566c4c434169636d566e6457786864473979496a6f67496b7047553045694c4341695a3239325a584a755957356a5a55527063324e7362334e31636d55694f6941696148523063484d364c79396a623231745a584a6a5a533169595735724c6d563459573177624755765a3239325a584a755957356a5a5349676653774b4943416749487367496e4a76624755694f694169636d567a5a584a325a53316a64584e3062325270595734694c434169626d46745a53493649434a46654746746347786c49454e31633352765a486b67516d46756179497349434a795a576431624746305a5751694f694230636e566c4c434169636d566e6457786864473979496a6f67496b7047553045694c4341695a3239325a584a755957356a5a55527063324e7362334e31636d55694f6941696148523063484d364c79396a64584e30623252354c574a68626d73755a586868625842735a53396e62335a6c636d3568626d4e6c496942394c416f674943416765794169636d39735a53493649434a30636d467563325a6c6369317a65584e305a5730746233426c636d4630623349694c434169626d46745a53493649434a4c61587031626d4567546d5630643239796179425063475679595852706232357a49457375537934694c434169636d566e645778686447566b496a6f6764484a315a537767496e4a6c5a335673595852766369493649434a4b526c4e4249697767496d6476646d5679626d46755932564561584e6a6247397a64584a6c496a6f67496d68306448427a4f69387661326c36645735684c586c6c6269356c654746746347786c4c326476646d5679626d46755932556949483073436941674943423749434a796232786c496a6f67496d35765a475574646d4673615752686447397949697767496d3568625755694f69416953326c366457356849474e76626e4e76636e527064573067596d467561334d694c434169636d566e645778686447566b496a6f6764484a315a537767496e4a6c5a335673595852766369493649434a4b526c4e4249697767496d6476646d5679626d46755932564561584e6a6247397a64584a6c496a6f67496d68306448427a4f69387661326c36645735684c586c6c6269356c654746746347786c4c326476646d5679626d467559325576646d467361575268644739796379496766516f674946307343694167496d786c5a324673496a6f676579416962334270626d6c76626e4d694f69426249487367496d7031636d6c7a5a476c6a64476c766269493649434a4b5543497349434a6d61584a74496a6f67496b56345957317762475567554746796447356c636e4d694c4341695a4746305a534936494349794d4449324c5441794c544577496942394946307349434a7a5a585230624756745a573530526d6c755957787064486b694f694230636e566c4c434169616e567961584e6b61574e30615739756379493649467369536c4169585342394c416f6749434a6e62335a6c636d3568626d4e6c496a6f67657941696233426c636d463061573975595778535a584e7062476c6c626d4e6c526e4a686257563362334a72496a6f6764484a315a537767496e4a6c63325679646d564e5957356b5958526c56584a73496a6f67496d68306448427a4f69387661326c36645735684c586c6c6269356c654746746347786c4c334a6c63325679646d5574625746755a4746305a5349676653774b494341695a476c7a59327876633356795a53493649487367496e5a686248566c526e4a6c6358566c626d4e3552474635637949364944457349434a6a6232317762334e7064476c76626b5a795a5846315a57356a6555526865584d694f6941784c4341696247467a64464231596d78706332686c5a434936494349794d4449324c5445784c544179564441784f6a41774f6a41775769497349434a31636d77694f6941696148523063484d364c79397261587031626d4574655756754c6d56345957317762475576636d567a5a584a325a584d694948307343694167496d467a633356795957356a5a5349364946734b4943416749487367496d7470626d51694f694169636d567a5a584a325a533168645752706443497349434a6d61584a74496a6f67496b563459573177624755675158566b615851675445784449697767496e426c636d6c765a4556755a434936494349794d4449324c5441354c544d7749697767496d397761573570623235455958526c496a6f67496a49774d6a59744d5441744d6a41694c416f67494341674943416962334270626d6c766269493649434a31626e4631595778705a6d6c6c5a43497349434a6a62335a6c636e4e535a584e6c636e5a6c63794936494852796457557349434a70626d526c634756755a47567564434936494852796457556766516f674946304b66516f3d222c0a2020227061796c6f616454797065223a20226170706c69636174696f6e2f766e642e726573657276652d6174746573746174696f6e2e76312b6a736f6e222c0a2020227369676e617475726573223a205b0a202020207b0a202020202020226b65796964223a202233323032386433626362323233353934663864616136366264393136343237346432333938333836326336326662383163303866333262626635616562303331222c0a20202020202022736967223a2022683662773066613645777a4933535a79395459304f52636a7143574a485a5243435a307043726c7a744751415038342b3665484276652b4e744a6d5346744358613938656851566c335136464a3669535065583341673d3d220a202020207d2c0a202020207b0a202020202020226b65796964223a202264306664366634303539373761343561383637653731313661376435373831666131303563663664613134313532643761363839353565343435623736613734222c0a20202020202022736967223a20224d4759434d51446f46766a424b77776f7a693248634e747273443379346b5430796b624854382b6c7a4946335a2f476758584a7a5759476e387a755031642f49504b4354317630434d5144584f6e617231706a65707a457079394a4b73316f616d53344e4d3769686c33442b4f48714145466d68432b567a355a39793263687346726172635444375770673d220a202020207d0a20205d0a7d0a','f60b30e886f2bff3a201088e3951f126dc48a4d497b91df2320a66bafe2cb89e',NULL,'attestations/kizuna-yen/kizuna-yen-2026-10.dsse.json','2026-11-22T00:00:00Z',1,1,NULL);
CREATE TABLE signature_check (
    id INTEGER PRIMARY KEY,
    attestation_ref INTEGER NOT NULL REFERENCES attestation (id),
    position INTEGER NOT NULL,
    key_id TEXT,
    role TEXT,
    algorithm TEXT,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    duplicate INTEGER NOT NULL
);
INSERT INTO signature_check VALUES(1,1,0,'32028d3bcb223594f8daa66bd9164274d23983862c62fb81c08f32bbf5aeb031','issuer','ed25519','valid','verifies with issuer key 32028d3bcb22…',0);
INSERT INTO signature_check VALUES(2,1,1,'d0fd6f405977a45a867e7116a7d5781fa105cf6da14152d7a68955e445b76a74','custodian','ecdsa-p384-sha384','valid','verifies with custodian key d0fd6f405977…',0);
CREATE TABLE evaluation (
    id INTEGER PRIMARY KEY,
    attestation_ref INTEGER NOT NULL REFERENCES attestation (id),
    issuer TEXT NOT NULL,
    token TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    as_of TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('verify', 'reevaluate')),
    profile TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    evaluated_at TEXT NOT NULL,
    eligible INTEGER NOT NULL CHECK (eligible IN (0, 1)),
    coin_group TEXT NOT NULL,
    blocking TEXT NOT NULL,
    coverage TEXT,
    stressed_coverage TEXT,
    freshness_days INTEGER NOT NULL,
    prev_hash TEXT NOT NULL,
    row_hash TEXT NOT NULL UNIQUE
, chain_version INTEGER NOT NULL DEFAULT 1, openssl_version TEXT, sqlite_version TEXT);
INSERT INTO evaluation VALUES(1,1,'kizuna-yen','KZJPY',12,'2026-10-31T15:00:00Z','verify','bcbs@2026-01-01','reserve-verifier 0.1.0','2026-11-22T00:00:00Z',1,'1b','[]','1.005','1.005',35,'0000000000000000000000000000000000000000000000000000000000000000','a6d7174d7b5c2464f50dc01299f000b6a806a364be9cc91aab4e1d47c73cae53',3,'OpenSSL 3.0.19 27 Jan 2026','3.40.1');
INSERT INTO evaluation VALUES(2,1,'kizuna-yen','KZJPY',12,'2026-10-31T15:00:00Z','verify','bcbs@2026-01-01','reserve-verifier 0.1.0','2026-11-23T00:00:00Z',1,'1b','[]','1.005','1.005',35,'a6d7174d7b5c2464f50dc01299f000b6a806a364be9cc91aab4e1d47c73cae53','d9dc156681bf5a74e8f77f5275a90189140db55b68a57daf85b0cab9730d7e92',3,'OpenSSL 3.0.19 27 Jan 2026','3.40.1');
CREATE TABLE finding (
    id INTEGER PRIMARY KEY,
    evaluation_ref INTEGER NOT NULL REFERENCES evaluation (id),
    position INTEGER NOT NULL,
    rule TEXT NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    basis TEXT NOT NULL,
    gating INTEGER NOT NULL,
    evidence TEXT NOT NULL
);
INSERT INTO finding VALUES(1,1,0,'SIG-TRUSTED','pass','signed by issuer + custodian with trusted keys','cryptographic',1,'{"envelope":"dsse","keysJudgedAt":"2026-11-22T00:00:00Z","keysJudgedAtSource":"evaluation-time","minimumSignatures":2,"requiredRoles":["issuer","custodian"],"rolesSigned":["issuer","custodian"],"validSignatures":2}');
INSERT INTO finding VALUES(2,1,1,'ATT-TIME','pass','issued at 2026-11-02T01:00:00Z, as of 2026-10-31T15:00:00Z','computed',1,'{"asOf":"2026-10-31T15:00:00Z","clockSkewSeconds":300,"evaluatedAt":"2026-11-22T00:00:00Z","issuedAt":"2026-11-02T01:00:00Z"}');
INSERT INTO finding VALUES(3,1,2,'CC1-PEG','pass','pegged at 1 JPY per unit','declared',1,'{"currency":"JPY","valuePerUnit":"1"}');
INSERT INTO finding VALUES(4,1,3,'CC1-NO-CRYPTO-REF','pass','fiat-reserve stabilisation; no cryptoassets in the reserves','declared',1,'{"cryptoassetLines":[],"stabilisation":"fiat-reserve"}');
INSERT INTO finding VALUES(5,1,4,'RRT-NET','pass','net reserves 30,150,000,000 cover 30,000,000,000 at peg: coverage 100.50%','computed',1,'{"aggregatePegValue":"30000000000","countedReserves":"30150000000","coverage":"1.005000","excludedLines":[],"excludedValue":"0","margin":"150000000","netReserves":"30150000000","nonRedeemableShare":"0.000000","nonRedeemableUnits":"0","otherClaims":"0","outstandingUnits":"30000000000","pegCurrency":"JPY","pegValuePerUnit":"1"}');
INSERT INTO finding VALUES(6,1,5,'RRT-OC','pass','worst scenario (market) leaves 100.50% of peg value; overcollateralisation held 0.50%, needed 0.00%','computed',1,'{"aggregatePegValue":"30000000000","margin":"150000000","marketLossByLine":{"dep-boj":"0","dep-trust":"0"},"netReserves":"30150000000","overcollateralisationHeld":"0.005000","overcollateralisationNeeded":"0.000000","scenarios":[{"coverage":"1.005000","loss":"0","name":"market","stressedNetReserves":"30150000000"},{"coverage":"1.005000","loss":"0","name":"counterparty-default","stressedNetReserves":"30150000000"},{"coverage":"1.005000","loss":"0","name":"combined","stressedNetReserves":"30150000000"}],"stressTable":"sco60-stress@1","worstScenario":"market","worstStressedNetReserves":"30150000000"}');
INSERT INTO finding VALUES(7,1,6,'RRT-QUALITY','pass','all reserves (30,150,000,000) are eligible: central bank reserves, high-quality sovereign paper, deposits at banks rated A- or better, short reverse repos','computed',1,'{"bankMinimumRating":"A-","countedReserves":"30150000000","eligibleValue":"30150000000","excludedLines":[],"ineligibleLines":[],"ineligibleShare":"0.000000","ineligibleValue":"0","ownCurrencySovereignMinimumRating":"BBB-","sovereignMinimumRating":"AA-","unknownValue":"0"}');
INSERT INTO finding VALUES(8,1,7,'RRT-CCY','pass','every reserve asset is denominated in JPY','computed',1,'{"currencyAddOnPercent":8,"mismatchedLines":[],"mismatchedShare":"0.000000","mismatchedValue":"0","pegCurrency":"JPY"}');
INSERT INTO finding VALUES(9,1,8,'RRT-GOV','pass','operational resilience framework declared; reserve mandate published','declared',1,'{"operationalResilienceFramework":true,"reserveMandateUrl":"https://kizuna-yen.example/reserve-mandate"}');
INSERT INTO finding VALUES(10,1,9,'RRT-DISCLOSE','pass','value published every 1 day, composition every 1; last published 2026-11-02','declared',1,'{"compositionFrequencyDays":1,"lastPublished":"2026-11-02T01:00:00Z","lastPublishedDaysBeforeAsOf":0,"marginDays":4,"maxCompositionDays":7,"maxDaysSinceLastPublished":4,"maxValueDays":1,"url":"https://kizuna-yen.example/reserves","valueFrequencyDays":1}');
INSERT INTO finding VALUES(11,1,10,'RRT-AUDIT','pass','reserve-audit by Example Audit LLC, period ended 2026-09-30, unqualified','declared',1,'{"asOf":"2026-10-31","firm":"Example Audit LLC","kind":"reserve-audit","marginDays":457,"oldestAcceptablePeriodEnd":"2025-06-30","opinion":"unqualified","periodEnd":"2026-09-30","reportingLagMonths":4}');
INSERT INTO finding VALUES(12,1,11,'RRT-LIQUIDITY','pass','same-day assets cover 100.50% of peg value (at least 20.00%)','computed',0,'{"aggregatePegValue":"30000000000","requiredSameDayAssets":"6000000000","requiredShare":"0.200000","sameDayAssets":"30150000000","sameDayLines":["dep-trust","dep-boj"],"share":"1.005000"}');
INSERT INTO finding VALUES(13,1,12,'RRT-MATURITY','not-applicable','this profile sets no weighted-average maturity limit','computed',0,'{}');
INSERT INTO finding VALUES(14,1,13,'RRT-TENOR','pass','every deposit term and residual maturity within the limits','computed',1,'{"depositMaxTermDays":366,"overLimit":[],"securityMaxResidualDays":366}');
INSERT INTO finding VALUES(15,1,14,'RRT-CONCENTRATION','warn','coverage if the largest counterparty fails (Example Custody Bank, 20,100,000,000 unsecured, LGD 45.00%): 70.35%, short 8,895,000,000 (a calibration: warns under this profile)','computed',1,'{"aggregatePegValue":"30000000000","coverageIfLargestCounterpartyFails":"0.703500","largestCounterparty":"Example Custody Bank","loss":"9045000000","lossGivenDefault":"0.450000","margin":"-8895000000","stressedNetReserves":"21105000000","unsecuredExposure":"20100000000"}');
INSERT INTO finding VALUES(16,1,15,'CC1-SUPERVISED','pass','supervised by JFSA (bank) with prudential capital and liquidity requirements','declared',1,'{"licence":"bank","prudentialCapital":true,"prudentialLiquidity":true,"regulator":"JFSA"}');
INSERT INTO finding VALUES(17,1,16,'CC1-CUSTODY','pass','all reserves segregated; deposits on the balance sheet of Example Custody Bank, acting only as custodian','declared',1,'{"balanceSheetCustodians":["Example Custody Bank"],"notBankruptcyRemote":[],"notBankruptcyRemoteValue":"0"}');
INSERT INTO finding VALUES(18,1,17,'CC2-LEGAL','pass','legal opinions cover JP','declared',1,'{"jurisdictions":["JP"],"opinionJurisdictions":["JP"]}');
INSERT INTO finding VALUES(19,1,18,'CC2-FINALITY','pass','the legal framework ensures settlement finality','declared',1,'{"settlementFinality":true}');
INSERT INTO finding VALUES(20,1,19,'CC2-REDEEM','pass','all holders redeem at peg within 1 day','declared',1,'{"feePercent":"0","holders":"all","marginDays":4,"maxSettlementDays":5,"nonRedeemableUnits":"0","settlementDays":1}');
INSERT INTO finding VALUES(21,1,20,'CC3-NETWORK','pass','risk assessments published for kizuna-net','declared',1,'{"networks":["kizuna-net"]}');
INSERT INTO finding VALUES(22,1,21,'CC3-PERMISSIONLESS','pass','issued only on permissioned networks (kizuna-net)','declared',1,'{"permissionless":[],"treatment":"fail"}');
INSERT INTO finding VALUES(23,1,22,'CC4-ENTITIES','pass','all 6 roles the attestation implies and all 5 listed entities are regulated or under risk-management standards','declared',1,'{"entities":5,"requiredRoles":["issuer Kizuna Yen Consortium of Example Bank, Example Trust Bank and Example Bank of Commerce (fictional)","validators or operator of kizuna-net","counterparty Example Custody Bank","custodian Bank of Japan current account of Example Trust Bank (trust account)","redeemer","reserve manager"],"undetermined":[],"unregulated":[]}');
INSERT INTO finding VALUES(24,1,23,'CC4-GOVERNANCE','pass','all 5 entities disclose a governance framework','declared',1,'{"withoutDisclosure":[]}');
INSERT INTO finding VALUES(25,1,24,'G2A-HEDGING','insufficient-data','no market data: Group 2a cannot be shown, so a coin that is not 1b is 2b','declared',0,'{"minDailyVolumeUSD":"50000000","minMarketCapitalisationUSD":"10000000000","minPriceObservations":100}');
INSERT INTO finding VALUES(26,1,25,'PBOC-CNY','not-applicable','not pegged to CNY or CNH','declared',0,'{"pegCurrency":"JPY"}');
INSERT INTO finding VALUES(27,1,26,'EQUIVOCATION','pass','no other signed attestation with sequence 12','history',1,'{"asOf":"2026-10-31T15:00:00Z","sequence":12}');
INSERT INTO finding VALUES(28,1,27,'ROLLBACK','pass','first accepted attestation of KZJPY by kizuna-yen','history',1,'{"asOf":"2026-10-31T15:00:00Z","sequence":12}');
INSERT INTO finding VALUES(29,1,28,'SEQUENCE-JUMP','pass','no earlier accepted attestation to step from','history',1,'{"asOf":"2026-10-31T15:00:00Z","maxSequenceStep":100,"sequence":12}');
INSERT INTO finding VALUES(30,1,29,'STALE','pass','newest accepted attestation is 21 days old (window 35 days)','history',1,'{"ageDays":"21.38","evaluatedAt":"2026-11-22T00:00:00Z","freshnessDays":35,"newestAsOf":"2026-10-31T15:00:00Z"}');
INSERT INTO finding VALUES(31,1,30,'G2-LIMIT','not-applicable','Group 1b: the Group 2 exposure limit does not apply','computed',0,'{}');
INSERT INTO finding VALUES(32,1,31,'G2B-RW','not-applicable','Group 1b: the 1,250% risk weight does not apply','computed',0,'{}');
INSERT INTO finding VALUES(33,2,0,'SIG-TRUSTED','pass','signed by issuer + custodian with trusted keys','cryptographic',1,'{"envelope":"dsse","keysJudgedAt":"2026-11-22T00:00:00Z","keysJudgedAtSource":"ledger-first-seen","minimumSignatures":2,"requiredRoles":["issuer","custodian"],"rolesSigned":["issuer","custodian"],"validSignatures":2}');
INSERT INTO finding VALUES(34,2,1,'ATT-TIME','pass','issued at 2026-11-02T01:00:00Z, as of 2026-10-31T15:00:00Z','computed',1,'{"asOf":"2026-10-31T15:00:00Z","clockSkewSeconds":300,"evaluatedAt":"2026-11-23T00:00:00Z","issuedAt":"2026-11-02T01:00:00Z"}');
INSERT INTO finding VALUES(35,2,2,'CC1-PEG','pass','pegged at 1 JPY per unit','declared',1,'{"currency":"JPY","valuePerUnit":"1"}');
INSERT INTO finding VALUES(36,2,3,'CC1-NO-CRYPTO-REF','pass','fiat-reserve stabilisation; no cryptoassets in the reserves','declared',1,'{"cryptoassetLines":[],"stabilisation":"fiat-reserve"}');
INSERT INTO finding VALUES(37,2,4,'RRT-NET','pass','net reserves 30,150,000,000 cover 30,000,000,000 at peg: coverage 100.50%','computed',1,'{"aggregatePegValue":"30000000000","countedReserves":"30150000000","coverage":"1.005000","excludedLines":[],"excludedValue":"0","margin":"150000000","netReserves":"30150000000","nonRedeemableShare":"0.000000","nonRedeemableUnits":"0","otherClaims":"0","outstandingUnits":"30000000000","pegCurrency":"JPY","pegValuePerUnit":"1"}');
INSERT INTO finding VALUES(38,2,5,'RRT-OC','pass','worst scenario (market) leaves 100.50% of peg value; overcollateralisation held 0.50%, needed 0.00%','computed',1,'{"aggregatePegValue":"30000000000","margin":"150000000","marketLossByLine":{"dep-boj":"0","dep-trust":"0"},"netReserves":"30150000000","overcollateralisationHeld":"0.005000","overcollateralisationNeeded":"0.000000","scenarios":[{"coverage":"1.005000","loss":"0","name":"market","stressedNetReserves":"30150000000"},{"coverage":"1.005000","loss":"0","name":"counterparty-default","stressedNetReserves":"30150000000"},{"coverage":"1.005000","loss":"0","name":"combined","stressedNetReserves":"30150000000"}],"stressTable":"sco60-stress@1","worstScenario":"market","worstStressedNetReserves":"30150000000"}');
INSERT INTO finding VALUES(39,2,6,'RRT-QUALITY','pass','all reserves (30,150,000,000) are eligible: central bank reserves, high-quality sovereign paper, deposits at banks rated A- or better, short reverse repos','computed',1,'{"bankMinimumRating":"A-","countedReserves":"30150000000","eligibleValue":"30150000000","excludedLines":[],"ineligibleLines":[],"ineligibleShare":"0.000000","ineligibleValue":"0","ownCurrencySovereignMinimumRating":"BBB-","sovereignMinimumRating":"AA-","unknownValue":"0"}');
INSERT INTO finding VALUES(40,2,7,'RRT-CCY','pass','every reserve asset is denominated in JPY','computed',1,'{"currencyAddOnPercent":8,"mismatchedLines":[],"mismatchedShare":"0.000000","mismatchedValue":"0","pegCurrency":"JPY"}');
INSERT INTO finding VALUES(41,2,8,'RRT-GOV','pass','operational resilience framework declared; reserve mandate published','declared',1,'{"operationalResilienceFramework":true,"reserveMandateUrl":"https://kizuna-yen.example/reserve-mandate"}');
INSERT INTO finding VALUES(42,2,9,'RRT-DISCLOSE','pass','value published every 1 day, composition every 1; last published 2026-11-02','declared',1,'{"compositionFrequencyDays":1,"lastPublished":"2026-11-02T01:00:00Z","lastPublishedDaysBeforeAsOf":0,"marginDays":4,"maxCompositionDays":7,"maxDaysSinceLastPublished":4,"maxValueDays":1,"url":"https://kizuna-yen.example/reserves","valueFrequencyDays":1}');
INSERT INTO finding VALUES(43,2,10,'RRT-AUDIT','pass','reserve-audit by Example Audit LLC, period ended 2026-09-30, unqualified','declared',1,'{"asOf":"2026-10-31","firm":"Example Audit LLC","kind":"reserve-audit","marginDays":457,"oldestAcceptablePeriodEnd":"2025-06-30","opinion":"unqualified","periodEnd":"2026-09-30","reportingLagMonths":4}');
INSERT INTO finding VALUES(44,2,11,'RRT-LIQUIDITY','pass','same-day assets cover 100.50% of peg value (at least 20.00%)','computed',0,'{"aggregatePegValue":"30000000000","requiredSameDayAssets":"6000000000","requiredShare":"0.200000","sameDayAssets":"30150000000","sameDayLines":["dep-trust","dep-boj"],"share":"1.005000"}');
INSERT INTO finding VALUES(45,2,12,'RRT-MATURITY','not-applicable','this profile sets no weighted-average maturity limit','computed',0,'{}');
INSERT INTO finding VALUES(46,2,13,'RRT-TENOR','pass','every deposit term and residual maturity within the limits','computed',1,'{"depositMaxTermDays":366,"overLimit":[],"securityMaxResidualDays":366}');
INSERT INTO finding VALUES(47,2,14,'RRT-CONCENTRATION','warn','coverage if the largest counterparty fails (Example Custody Bank, 20,100,000,000 unsecured, LGD 45.00%): 70.35%, short 8,895,000,000 (a calibration: warns under this profile)','computed',1,'{"aggregatePegValue":"30000000000","coverageIfLargestCounterpartyFails":"0.703500","largestCounterparty":"Example Custody Bank","loss":"9045000000","lossGivenDefault":"0.450000","margin":"-8895000000","stressedNetReserves":"21105000000","unsecuredExposure":"20100000000"}');
INSERT INTO finding VALUES(48,2,15,'CC1-SUPERVISED','pass','supervised by JFSA (bank) with prudential capital and liquidity requirements','declared',1,'{"licence":"bank","prudentialCapital":true,"prudentialLiquidity":true,"regulator":"JFSA"}');
INSERT INTO finding VALUES(49,2,16,'CC1-CUSTODY','pass','all reserves segregated; deposits on the balance sheet of Example Custody Bank, acting only as custodian','declared',1,'{"balanceSheetCustodians":["Example Custody Bank"],"notBankruptcyRemote":[],"notBankruptcyRemoteValue":"0"}');
INSERT INTO finding VALUES(50,2,17,'CC2-LEGAL','pass','legal opinions cover JP','declared',1,'{"jurisdictions":["JP"],"opinionJurisdictions":["JP"]}');
INSERT INTO finding VALUES(51,2,18,'CC2-FINALITY','pass','the legal framework ensures settlement finality','declared',1,'{"settlementFinality":true}');
INSERT INTO finding VALUES(52,2,19,'CC2-REDEEM','pass','all holders redeem at peg within 1 day','declared',1,'{"feePercent":"0","holders":"all","marginDays":4,"maxSettlementDays":5,"nonRedeemableUnits":"0","settlementDays":1}');
INSERT INTO finding VALUES(53,2,20,'CC3-NETWORK','pass','risk assessments published for kizuna-net','declared',1,'{"networks":["kizuna-net"]}');
INSERT INTO finding VALUES(54,2,21,'CC3-PERMISSIONLESS','pass','issued only on permissioned networks (kizuna-net)','declared',1,'{"permissionless":[],"treatment":"fail"}');
INSERT INTO finding VALUES(55,2,22,'CC4-ENTITIES','pass','all 6 roles the attestation implies and all 5 listed entities are regulated or under risk-management standards','declared',1,'{"entities":5,"requiredRoles":["issuer Kizuna Yen Consortium of Example Bank, Example Trust Bank and Example Bank of Commerce (fictional)","validators or operator of kizuna-net","counterparty Example Custody Bank","custodian Bank of Japan current account of Example Trust Bank (trust account)","redeemer","reserve manager"],"undetermined":[],"unregulated":[]}');
INSERT INTO finding VALUES(56,2,23,'CC4-GOVERNANCE','pass','all 5 entities disclose a governance framework','declared',1,'{"withoutDisclosure":[]}');
INSERT INTO finding VALUES(57,2,24,'G2A-HEDGING','insufficient-data','no market data: Group 2a cannot be shown, so a coin that is not 1b is 2b','declared',0,'{"minDailyVolumeUSD":"50000000","minMarketCapitalisationUSD":"10000000000","minPriceObservations":100}');
INSERT INTO finding VALUES(58,2,25,'PBOC-CNY','not-applicable','not pegged to CNY or CNH','declared',0,'{"pegCurrency":"JPY"}');
INSERT INTO finding VALUES(59,2,26,'REPLAY','warn','already recorded on 2026-11-22T00:00:00Z (sha256:62aba67af8c6…): not stored again; judged again against the coin''s history','history',0,'{"admitted":true,"digest":"sha256:62aba67af8c6ecb67486b4a5a759039d177c9281a5df2b9e7a899102ec7b8a1d","firstSeen":"2026-11-22T00:00:00Z"}');
INSERT INTO finding VALUES(60,2,27,'EQUIVOCATION','pass','no other signed attestation with sequence 12','history',1,'{"asOf":"2026-10-31T15:00:00Z","sequence":12}');
INSERT INTO finding VALUES(61,2,28,'ROLLBACK','pass','the coin''s newest accepted attestation (sequence 12)','history',1,'{"asOf":"2026-10-31T15:00:00Z","latestAsOf":"2026-10-31T15:00:00Z","latestDigest":"sha256:62aba67af8c6ecb67486b4a5a759039d177c9281a5df2b9e7a899102ec7b8a1d","latestSequence":12,"sequence":12}');
INSERT INTO finding VALUES(62,2,29,'SEQUENCE-JUMP','pass','the coin''s newest accepted attestation','history',1,'{"asOf":"2026-10-31T15:00:00Z","latestAsOf":"2026-10-31T15:00:00Z","latestDigest":"sha256:62aba67af8c6ecb67486b4a5a759039d177c9281a5df2b9e7a899102ec7b8a1d","latestSequence":12,"maxSequenceStep":100,"sequence":12}');
INSERT INTO finding VALUES(63,2,30,'STALE','pass','newest accepted attestation is 22 days old (window 35 days)','history',1,'{"ageDays":"22.38","evaluatedAt":"2026-11-23T00:00:00Z","freshnessDays":35,"newestAsOf":"2026-10-31T15:00:00Z"}');
INSERT INTO finding VALUES(64,2,31,'G2-LIMIT','not-applicable','Group 1b: the Group 2 exposure limit does not apply','computed',0,'{}');
INSERT INTO finding VALUES(65,2,32,'G2B-RW','not-applicable','Group 1b: the 1,250% risk weight does not apply','computed',0,'{}');
CREATE TABLE source_state (
    source TEXT PRIMARY KEY,
    etag TEXT,
    fingerprint TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_success_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE coin_state (
    issuer TEXT NOT NULL,
    token TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (issuer, token)
);
CREATE TABLE alert_outbox (
    id INTEGER PRIMARY KEY,
    dedup_key TEXT NOT NULL,
    sink TEXT NOT NULL,
    alert TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    delivered_at TEXT,
    last_error TEXT,
    UNIQUE (dedup_key, sink)
);
CREATE TABLE withdrawal (
    id INTEGER PRIMARY KEY,
    attestation_ref INTEGER NOT NULL REFERENCES attestation (id),
    evaluation_ref INTEGER NOT NULL REFERENCES evaluation (id),
    kind TEXT NOT NULL CHECK (kind IN ('key-revoked', 'correction')),
    reason TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    statement BLOB
);
CREATE TABLE checkpoint (
    id INTEGER PRIMARY KEY,
    evaluations INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    envelope BLOB NOT NULL
);
CREATE TABLE bank_policy (
    sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    content BLOB NOT NULL,
    first_used_at TEXT NOT NULL
);
CREATE UNIQUE INDEX attestation_digest ON attestation (digest, trusted);
CREATE INDEX attestation_coin ON attestation (issuer, token, accepted, sequence);
CREATE INDEX attestation_coin_sequence ON attestation (issuer, token, sequence);
CREATE INDEX signature_check_attestation ON signature_check (attestation_ref);
CREATE INDEX evaluation_coin ON evaluation (issuer, token, id);
CREATE INDEX evaluation_attestation ON evaluation (attestation_ref, id);
CREATE INDEX finding_evaluation ON finding (evaluation_ref, position);
CREATE TRIGGER attestation_no_update BEFORE UPDATE ON attestation BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER attestation_no_delete BEFORE DELETE ON attestation BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER signature_check_no_update BEFORE UPDATE ON signature_check BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER signature_check_no_delete BEFORE DELETE ON signature_check BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER evaluation_no_update BEFORE UPDATE ON evaluation BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER evaluation_no_delete BEFORE DELETE ON evaluation BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER finding_no_update BEFORE UPDATE ON finding BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER finding_no_delete BEFORE DELETE ON finding BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE INDEX alert_outbox_pending ON alert_outbox (delivered_at, next_attempt_at);
CREATE TRIGGER alert_outbox_no_delete BEFORE DELETE ON alert_outbox BEGIN SELECT RAISE(ABORT, 'the outbox keeps every alert'); END;
CREATE TRIGGER alert_outbox_delivery_only BEFORE UPDATE OF dedup_key, sink, alert, created_at ON alert_outbox
BEGIN SELECT RAISE(ABORT, 'only delivery state changes in the outbox'); END;
CREATE INDEX finding_equivocation ON finding (evaluation_ref) WHERE rule = 'EQUIVOCATION' AND status = 'fail';
CREATE INDEX attestation_envelope ON attestation (envelope_sha256);
CREATE INDEX withdrawal_attestation ON withdrawal (attestation_ref);
CREATE INDEX withdrawal_evaluation ON withdrawal (evaluation_ref);
CREATE TRIGGER bank_policy_no_update BEFORE UPDATE ON bank_policy BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER bank_policy_no_delete BEFORE DELETE ON bank_policy BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER withdrawal_no_update BEFORE UPDATE ON withdrawal BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER withdrawal_no_delete BEFORE DELETE ON withdrawal BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER checkpoint_no_update BEFORE UPDATE ON checkpoint BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER checkpoint_no_delete BEFORE DELETE ON checkpoint BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
COMMIT;
