// PoIntake: everything one deployment needs, in one resource group.
// azd calls this with environmentName/location/principalId (infra/main.parameters.json).
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('Name of the azd environment; used for the resource group and to derive unique resource names.')
param environmentName string

@minValue(1)
@description('Days every version of an uploaded original is kept immutable (infra/modules/storage.bicep; docs/hardening.md).')
param originalsRetentionDays int = 3650

@minLength(1)
@description('Azure region for every resource. Must offer Flex Consumption with dotnet-isolated 10.0.')
param location string

@description('Object id of the deploying user or pipeline; gets data access to storage so it can upload samples. Empty to skip.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

@description('Custom sender domain for reminder e-mails (e.g. "ombud.lansstyrelsen.se"). Empty = Azure-managed domain.')
param customEmailDomain string = ''

@description('Data location of Communication Services (where e-mail data at rest is kept).')
param emailDataLocation string = 'Europe'

@description('County boards allowed to write only under reports/{year}/{countyCode}/, contacts/{countyCode}.xlsx and grants/{year}/{countyCode}.xlsx: [{ countyCode: "01", principalId: "<group object id>" }].')
param countyBoardUploaders array = []

@description('County code → SHA-256 (64 lowercase hex digits) of that county board\'s HTTP upload key: { "01": "<hash>", … }. Hashes, not keys; make a key with `dotnet run --project devhost -- county-key <code>`. A county without an entry cannot upload over HTTP or read its status.')
param countyUploadKeyHashes object = {}

@description('Holder name → SHA-256 of one of Socialstyrelsen\'s national keys (totals, every county\'s status, reminder preview): { "socialstyrelsen": "<hash>" }. Make one with `dotnet run --project devhost -- national-key <holder>`; remove an entry to revoke that holder alone.')
param nationalKeyHashes object = {}

@description('Holder name → SHA-256 of one of the service administration\'s keys (replaying a year, switching and cleaning up a replay; docs/replay.md): { "ops-socialstyrelsen": "<hash>" }. Make one with `dotnet run --project devhost -- admin-key <holder>`; none configured closes the administration routes.')
param administrationKeyHashes object = {}

@description('E-mail address that gets the alert mails (docs/deploy.md "Alerts and what to do"). Empty: alerts show in the portal only.')
param alertEmailAddress string = ''

@description('Maximum instances of the Flex Consumption app.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

var tags = { 'azd-env-name': environmentName, application: 'pointake' }
var token = toLower(uniqueString(subscription().id, environmentName, location))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-pointake-${token}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    workspaceName: 'log-pointake-${token}'
    appInsightsName: 'appi-pointake-${token}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stpo${token}'
    location: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    originalsRetentionDays: originalsRetentionDays
  }
}

module email 'modules/email.bicep' = {
  name: 'email'
  scope: rg
  params: {
    communicationServiceName: 'acs-pointake-${token}'
    emailServiceName: 'ecs-pointake-${token}'
    dataLocation: emailDataLocation
    customDomain: customEmailDomain
    tags: tags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    planName: 'plan-pointake-${token}'
    appName: 'func-pointake-${token}'
    location: location
    tags: union(tags, { 'azd-service-name': 'functions' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    emailEndpoint: email.outputs.endpoint
    emailSenderAddress: email.outputs.senderAddress
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    countyUploadKeyHashes: countyUploadKeyHashes
    nationalKeyHashes: nationalKeyHashes
    administrationKeyHashes: administrationKeyHashes
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    communicationServiceName: email.outputs.communicationServiceName
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
    countyBoardUploaders: countyBoardUploaders
  }
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    name: 'evgt-pointake-${token}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deadLetterContainerName: storage.outputs.deadLetterContainerName
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    actionGroupName: 'ag-pointake-${token}'
    alertNamePrefix: 'alert-pointake-${token}'
    workspaceId: monitoring.outputs.workspaceId
    appInsightsId: monitoring.outputs.appInsightsId
    deadLetterContainerName: storage.outputs.deadLetterContainerName
    alertEmailAddress: alertEmailAddress
  }
}

output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.defaultUrl
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name
output AZURE_EVENTGRID_DEADLETTER_CONTAINER string = storage.outputs.deadLetterContainerName
output AZURE_EMAIL_SENDER_ADDRESS string = email.outputs.senderAddress
output AZURE_EMAIL_DOMAIN_VERIFICATION object = email.outputs.domainVerificationRecords
