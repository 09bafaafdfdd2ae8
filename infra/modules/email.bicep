// Azure Communication Services Email: an Azure-managed domain by default, or a customer domain
// (which then needs the DNS records from the output before it can send).
param communicationServiceName string
param emailServiceName string
param dataLocation string
param customDomain string
param tags object

var useCustomDomain = !empty(customDomain)

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = if (!useCustomDomain) {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource customerDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = if (useCustomDomain) {
  parent: emailService
  name: useCustomDomain ? customDomain : 'unused'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'CustomerManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    // Access keys (HMAC, connection strings) refused: the app sends with its managed identity only.
    disableLocalAuth: true
    linkedDomains: [useCustomDomain ? customerDomain.id : managedDomain.id]
  }
}

var mailFromDomain = useCustomDomain ? customerDomain!.properties.mailFromSenderDomain : managedDomain!.properties.mailFromSenderDomain

output communicationServiceName string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}'
output senderAddress string = 'DoNotReply@${mailFromDomain}'
output domainVerificationRecords object = useCustomDomain ? customerDomain!.properties.verificationRecords : {}
