// The system topic for blob events on the storage account. The subscriptions to the functions' blob webhook
// need the app's blobs_extension system key, which exists only after the code is deployed, so
// scripts/post-deploy.sh creates them (azure.yaml postdeploy hook). See docs/deploy.md.
param name string
param location string
param tags object
param storageAccountName string

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storageAccount.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = systemTopic.name
