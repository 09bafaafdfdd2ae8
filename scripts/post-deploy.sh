#!/bin/sh
# Creates (or recreates) the Event Grid subscriptions that deliver BlobCreated events for reports/,
# contacts/ and grants/ to the Functions blob-trigger webhook. Runs after `azd deploy`; needs the az CLI, logged in.
set -eu

: "${AZURE_RESOURCE_GROUP:?run through azd (azd up / azd deploy) or export the azd outputs}"
: "${AZURE_FUNCTION_APP_NAME:?}"
: "${AZURE_FUNCTION_APP_URL:?}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?}"
: "${AZURE_STORAGE_ACCOUNT_NAME:?}"
: "${AZURE_EVENTGRID_DEADLETTER_CONTAINER:?}"

key=""
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  key=$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
        --query systemKeys.blobs_extension -o tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  echo "waiting for the blobs_extension key (attempt $attempt)…"
  sleep 15
done
[ -n "$key" ] || { echo "the function app has no blobs_extension key; is the code deployed?" >&2; exit 1; }

storage_id=$(az storage account show -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_STORAGE_ACCOUNT_NAME" --query id -o tsv)
# The app's own URL as Bicep reports it (main.bicep output): Flex Consumption hosts can have regional, hashed names,
# so "<app>.azurewebsites.net" is not a safe guess.
base="${AZURE_FUNCTION_APP_URL%/}/runtime/webhooks/blobs"

subscribe() {
  name=$1 container=$2 function=$3 suffix=$4
  az eventgrid system-topic event-subscription create \
    -g "$AZURE_RESOURCE_GROUP" --system-topic-name "$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" -n "$name" \
    --endpoint-type webhook \
    --endpoint "${base}?functionName=Host.Functions.${function}&code=${key}" \
    --included-event-types Microsoft.Storage.BlobCreated \
    --subject-begins-with "/blobServices/default/containers/${container}/blobs/" \
    --subject-ends-with "$suffix" \
    --max-delivery-attempts 30 --event-ttl 1440 \
    --deadletter-endpoint "${storage_id}/blobServices/default/containers/${AZURE_EVENTGRID_DEADLETTER_CONTAINER}" \
    --deadletter-identity systemassigned \
    --output none
  echo "subscription $name → $function"
}

subscribe reports-created reports IngestReportFunction .xlsx
# The contacts register intake (IngestContactsFunction); subscribe only when the function exists.
if az functionapp function show -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
     --function-name IngestContactsFunction --output none 2>/dev/null; then
  subscribe contacts-created contacts IngestContactsFunction .xlsx
fi
# The county boards' grant registers, grants/{year}/{countyCode}.xlsx (docs/grants.md).
subscribe grants-created grants IngestGrantRegisterFunction .xlsx
# The county boards' own reports, countyboard/{year}/{countyCode}.xlsx (docs/workbook-contract.md).
subscribe countyboard-created countyboard IngestCountyBoardReportFunction .xlsx

# The deployer needed Storage Blob Data Contributor for the deployment package (infra/modules/rbac.bicep, deployerBlob);
# once the code is deployed it goes, so the person who deployed cannot delete originals or results (docs/hardening.md).
# The next `azd up` grants it again for its own deployment, and this removes it again.
if [ -n "${AZURE_PRINCIPAL_ID:-}" ]; then
  az role assignment delete --assignee "$AZURE_PRINCIPAL_ID" \
    --role ba92f5b4-2d11-453d-a403-e96b0029c9fe --scope "$storage_id" --output none
  echo "deployer's Storage Blob Data Contributor on $AZURE_STORAGE_ACCOUNT_NAME removed"
fi
