// Deploys DurableAgents as an Azure Functions custom handler on Linux, with the storage account that is both the
// Functions host's storage and the orchestration backend (AzureWebJobsStorage).
// Publish first: dotnet publish src/DurableAgents.Host -c Release -o out, zip the folder, then deploy the zip to the app.

@description('Name prefix for the resources (3-11 lowercase letters or digits).')
@minLength(3)
@maxLength(11)
param prefix string

@description('Location for all resources.')
param location string = resourceGroup().location

@description('Flex Consumption scales to zero: the engine then runs in Triggered mode (queue triggers wake it). Use an always-on plan (EP1) for Polling mode.')
@allowed([ 'FC1', 'EP1' ])
param planSku string = 'EP1'

@secure()
@description('Key for the management and approval endpoints (x-api-key).')
param apiKey string

@secure()
@description('Shared secret for signed approval webhooks (X-Signature-256).')
param webhookSecret string = ''

@secure()
@description('OpenAI (or Azure OpenAI v1) API key; empty uses the offline model.')
param openAIApiKey string = ''

param openAIBaseUrl string = ''
param openAIModel string = 'gpt-4o-mini'

@description('Task hub: the prefix of the engine queues and containers (lowercase letters and digits).')
param taskHubName string = 'durableagents'

var pollingMode = planSku == 'EP1'

// On an always-on plan the host polls the engine queues itself, so the Functions triggers on them must stay off
// (they would take the messages and, answered 409, move them to poison).
var engineFunctions = [ 'engine-control-0', 'engine-control-1', 'engine-control-2', 'engine-control-3', 'engine-workitems' ]
var engineFunctionSettings = [for f in engineFunctions: { name: 'AzureWebJobs.${f}.Disabled', value: pollingMode ? 'true' : 'false' }]

var storageName = '${prefix}${uniqueString(resourceGroup().id)}'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(storageName, 24)
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${prefix}-plan'
  location: location
  sku: { name: planSku }
  kind: 'functionapp'
  properties: { reserved: true }
}

var connection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${prefix}-agents'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOTNET|10.0'
      alwaysOn: pollingMode
      appSettings: concat([
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
        { name: 'AzureWebJobsStorage', value: connection }
        { name: 'DurableAgents__Backend', value: 'azure' }
        { name: 'DurableAgents__AzureStorage__Mode', value: pollingMode ? 'Polling' : 'Triggered' }
        { name: 'DurableAgents__AzureStorage__TaskHubName', value: taskHubName }
        { name: 'DurableAgents__ApiKeys__0', value: apiKey }
        { name: 'DurableAgents__WebhookSecret', value: webhookSecret }
        { name: 'OPENAI_API_KEY', value: openAIApiKey }
        { name: 'OPENAI_BASE_URL', value: openAIBaseUrl }
        { name: 'OPENAI_MODEL', value: openAIModel }
      ], engineFunctionSettings)
    }
  }
}

output hostName string = app.properties.defaultHostName
