// Flex Consumption app (.NET 10 isolated). Every connection is identity-based: the app settings hold
// service URIs and the user-assigned identity's client id, never a key or connection string.
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param appInsightsConnectionString string
param emailEndpoint string
param emailSenderAddress string
param maximumInstanceCount int
param instanceMemoryMB int

@description('County code → SHA-256 hex of the county board\'s key (see main.bicep).')
param countyUploadKeyHashes object

@description('Holder name → SHA-256 hex of one of Socialstyrelsen\'s national keys (see main.bicep).')
param nationalKeyHashes object

@description('Holder name → SHA-256 hex of one of the service administration\'s keys (replays; see main.bicep).')
param administrationKeyHashes object

// One app setting per county and per national holder: Access__CountyKeyHashes__01 = <hash>,
// Access__NationalKeyHashes__socialstyrelsen = <hash> (bound to AccessOptions).
var countyKeySettings = toObject(items(countyUploadKeyHashes), entry => 'Access__CountyKeyHashes__${entry.key}', entry => entry.value)
var nationalKeySettings = toObject(items(nationalKeyHashes), entry => 'Access__NationalKeyHashes__${entry.key}', entry => entry.value)
// Access__AdministrationKeyHashes__ops-socialstyrelsen = <hash>: the administration routes (replays, docs/replay.md).
var administrationKeySettings = toObject(items(administrationKeyHashes), entry => 'Access__AdministrationKeyHashes__${entry.key}', entry => entry.value)

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

var blobUri = storageAccount.properties.primaryEndpoints.blob
var queueUri = storageAccount.properties.primaryEndpoints.queue
var tableUri = storageAccount.properties.primaryEndpoints.table

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobUri}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union({
      // Functions host storage (timer locks, blob-trigger queues, keys).
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: blobUri
      AzureWebJobsStorage__queueServiceUri: queueUri
      AzureWebJobsStorage__tableServiceUri: tableUri
      // The app's own data (reports, results, tables); the blob trigger also needs the queue URI.
      PoIntakeStorage__credential: 'managedidentity'
      PoIntakeStorage__clientId: identityClientId
      PoIntakeStorage__blobServiceUri: blobUri
      PoIntakeStorage__queueServiceUri: queueUri
      PoIntakeStorage__tableServiceUri: tableUri
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      Email__Endpoint: emailEndpoint
      Email__SenderAddress: emailSenderAddress
      Email__ClientId: identityClientId
      Email__Mode: 'Acs'
      // Reminder passes: NCRONTAB in UTC; each pass sends what is due in Swedish time, so hourly covers DST.
      RemindersSchedule: '0 5 * * * *'
      Reminders__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
      // Totals are served from memory; one YearRevisions read per second tells each instance about new intakes.
      Totals__RevisionCheckInterval: '00:00:01'
      // Request-body limits of the upload and findings endpoints (docs/hardening.md); the same as local.settings.sample.json.
      Upload__MaxBodyBytes: '26214400'
      Upload__MaxFindingsBodyBytes: '2097152'
      Upload__MaxFindings: '5000'
      // Limits for refused files (docs/findings.md, Screening); the same values as local.settings.sample.json.
      Screening__MaxFileBytes: '10485760'
      Screening__MaxUncompressedBytes: '104857600'
      Screening__MaxEntries: '2000'
      Screening__MaxCompressionRatio: '200'
      Screening__RatioCheckMinBytes: '1048576'
      Screening__MaxSheets: '50'
      Screening__MaxRows: '20000'
      Screening__MaxColumns: '50'
      Screening__MaxUsedCellsPerSheet: '20000'
      Screening__MaxSharedStrings: '50000'
      Screening__MaxTextChars: '5000000'
      Screening__MaxFormulaCells: '10000'
      Screening__MaxEvaluatedCells: '10000'
      Screening__MaxContactRows: '1000'
      // The grant register's limits (docs/grants.md).
      GrantRegister__MaxRows: '1000'
      GrantRegister__MaxAppliedFullTimeEquivalents: '100'
      GrantRegister__AmountPerFullTimeEquivalentToleranceSek: '5000'
      Reminders__SendAt: '07:00'
      Reminders__MoveOffNonWorkingDays: 'true'
      Reminders__AfterCatchUp: '7.00:00:00'
      Reminders__ClaimLease: '00:10:00'
      // The county boards' own reminder days (MM-dd; empty: off): register complete in the grant year, reports in after 15 January.
      Reminders__CountyRegisterCompleteOn: '04-15'
      Reminders__CountyReportsInOn: '02-15'
      // The intake's cross-checks with the grant register (docs/obligations.md); the same as local.settings.sample.json.
      GrantChecks__FullTimeEquivalentFactor: '1.5'
      GrantChecks__AmountToleranceSek: '0'
      // The replay of a year (docs/replay.md): counties replayed at once.
      Replay__Concurrency: '4'
      Replay__StaleAfterMinutes: '30'
      // The per-year lock of replays and switches, and how long the intake waits while its year switches (docs/replay.md).
      YearLock__LeaseSeconds: '300'
      YearLock__IntakeWaitSeconds: '240'
      YearLock__SwitchWaitSeconds: '120'
      YearLock__IntakeMarkStaleSeconds: '900'
      // The day (MM-dd of the year after) a reporting year closes by itself; empty: only the administration key closes years.
      YearClosing__DefaultClosesOn: ''
      Email__PollInterval: '00:00:05'
      Email__PollTimeout: '00:02:00'
      // The draft lägesrapport (core/Totals/LagesrapportInputs.cs, docs/lagesrapport.md): quotation limits, and per year
      // the assignment's diary number, the due date and the year's theme.
      Lagesrapport__MaxQuotes: '6'
      Lagesrapport__MaxQuoteLength: '400'
      Lagesrapport__Years__2020__DiaryNumber: 'S2019/00151/FST'
      Lagesrapport__Years__2021__DiaryNumber: 'S2020/09593/FST'
      Lagesrapport__Years__2021__DueDate: '2022-05-15'
      Lagesrapport__Years__2021__ThemeTitle: 'Coronapandemin har påverkat kommunernas arbete'
      // The state budget per year (core/Grants/AppropriationOptions.cs; docs/grants.md and docs/api.md "Budget och utfall"):
      // the anslag, the amount per årsanställning Socialstyrelsen fixed, Tabell 5's other lines and återbetalning, as
      // published; the same as local.settings.sample.json. Add a year's lines when they are decided.
      Appropriation__Years__2017__GrantsSek: '98760000'
      Appropriation__Years__2017__OtherLines__0__Label: 'Socialstyrelsen (inkl. webb, utbildning mm.)'
      Appropriation__Years__2017__OtherLines__0__BudgetSek: '2700000'
      Appropriation__Years__2017__OtherLines__0__OutcomeSek: '2736026'
      Appropriation__Years__2017__OtherLines__1__Label: 'Länsstyrelsernas administration'
      Appropriation__Years__2017__OtherLines__1__BudgetSek: '3000000'
      Appropriation__Years__2017__OtherLines__1__OutcomeSek: '3000000'
      Appropriation__Years__2017__RepaidSek: '60480'
      Appropriation__Years__2020__GrantsSek: '130000000'
      Appropriation__Years__2020__AmountPerFullTimeEquivalentSek: '402638'
      Appropriation__Years__2020__OtherLines__0__Label: 'Socialstyrelsen'
      Appropriation__Years__2020__OtherLines__0__BudgetSek: '1500000'
      Appropriation__Years__2020__OtherLines__0__OutcomeSek: '1346391'
      Appropriation__Years__2020__RepaidSek: '1353785'
      Appropriation__Years__2021__GrantsSek: '130000000'
      Appropriation__Years__2021__AmountPerFullTimeEquivalentSek: '404530'
      Appropriation__Years__2021__OtherLines__0__Label: 'Socialstyrelsen'
      Appropriation__Years__2021__OtherLines__0__BudgetSek: '1500000'
      Appropriation__Years__2021__OtherLines__0__OutcomeSek: '1483382'
      Appropriation__Years__2021__RepaidSek: '0'
      // Role keys on top of the function key (docs/deploy.md): county routes need the county board's key, national
      // routes Socialstyrelsen's; a county without a hash (or no national hash at all) is closed.
      Access__RequireRoleKeys: 'true'
    }, countyKeySettings, nationalKeySettings, administrationKeySettings)
  }
}

// No FTP or SCM (Kudu, zip deploy) user name and password: deployments authenticate with Entra ID (azd uses the
// deployer's token to upload the package to the deployment container).
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

output name string = site.name
output defaultUrl string = 'https://${site.properties.defaultHostName}'
