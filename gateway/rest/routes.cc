#include "gateway/rest/routes.h"

namespace ror::gateway::rest {
namespace {

using http::Verb;

constexpr char kAuth[] = "ror.v1.AuthService.";
constexpr char kOffre[] = "ror.v1.OffreService.";
constexpr char kEtablissement[] = "ror.v1.EtablissementService.";
constexpr char kOrganisation[] = "ror.v1.OrganisationService.";
constexpr char kSearch[] = "ror.v1.SearchService.";

Route R(Verb verb, std::string pattern, std::string upstream, std::string service, std::string rpc,
        std::string summary, unsigned success = 200) {
  return Route{.verb = verb,
               .pattern = std::move(pattern),
               .upstream = std::move(upstream),
               .method = service + rpc,
               .success = success,
               .summary = std::move(summary),
               // Named for GCC's missing-field-initializers, as Route's defaults.
               .produces = "application/json",
               .filename = ""};
}

// A route whose RPC streams a file's bytes.
Route File(Route route, std::string media_type, std::string filename) {
  route.produces = std::move(media_type);
  route.filename = std::move(filename);
  return route;
}

}  // namespace

const std::vector<Route>& RestRoutes() {
  static const std::vector<Route>* routes = new std::vector<Route>{
      // Sessions and accounts (auth).
      R(Verb::post, "/api/v1/auth/login", "auth", kAuth, "Login",
        "Se connecter (e-mail et mot de passe)"),
      R(Verb::post, "/api/v1/auth/refresh", "auth", kAuth, "Refresh",
        "Renouveler le jeton d'accès"),
      R(Verb::post, "/api/v1/auth/logout", "auth", kAuth, "Logout", "Se déconnecter"),
      R(Verb::post, "/api/v1/auth/password-reset-requests", "auth", kAuth, "RequestPasswordReset",
        "Demander la réinitialisation du mot de passe"),
      R(Verb::post, "/api/v1/auth/password-resets", "auth", kAuth, "ResetPassword",
        "Choisir un nouveau mot de passe"),
      R(Verb::post, "/api/v1/auth/psc/begin", "auth", kAuth, "BeginPscLogin",
        "Commencer une connexion Pro Santé Connect"),
      R(Verb::post, "/api/v1/auth/psc/complete", "auth", kAuth, "CompletePscLogin",
        "Terminer une connexion Pro Santé Connect"),
      R(Verb::post, "/api/v1/auth/psc/link", "auth", kAuth, "LinkPsc",
        "Lier Pro Santé Connect à un compte"),
      R(Verb::post, "/api/v1/auth/token", "auth", kAuth, "TokenForClient",
        "Jeton d'un client d'API (client_credentials)"),
      R(Verb::get, "/api/v1/auth/keys", "auth", kAuth, "GetVerificationKeys",
        "Clés de vérification des jetons"),
      R(Verb::get, "/api/v1/auth/openid-configuration", "auth", kAuth, "GetOpenIdConfiguration",
        "Configuration OpenID"),
      R(Verb::post, "/api/v1/auth/keys/rotation", "auth", kAuth, "RotateKeys",
        "Changer de clé de signature (administrateur national)"),
      R(Verb::post, "/api/v1/account-requests", "auth", kAuth, "RequestAccount",
        "Demander un compte", 201),
      R(Verb::get, "/api/v1/account-requests", "auth", kAuth, "ListAccountRequests",
        "Demandes de compte à traiter"),
      R(Verb::post, "/api/v1/account-requests/{account_request_id}/decision", "auth", kAuth,
        "DecideAccountRequest", "Accepter ou refuser une demande de compte"),
      R(Verb::post, "/api/v1/accounts", "auth", kAuth, "CreateAccount", "Créer un compte", 201),
      R(Verb::get, "/api/v1/accounts/{account_id}", "auth", kAuth, "GetAccount", "Un compte"),
      R(Verb::post, "/api/v1/accounts/{account_id}/grants", "auth", kAuth, "GrantRole",
        "Attribuer un rôle"),
      R(Verb::post, "/api/v1/accounts/{account_id}/grants/revocation", "auth", kAuth, "RevokeRole",
        "Retirer un rôle"),
      R(Verb::post, "/api/v1/accounts/{account_id}/disable", "auth", kAuth, "DisableAccount",
        "Désactiver un compte"),
      R(Verb::post, "/api/v1/api-clients", "auth", kAuth, "CreateApiClient",
        "Créer un client d'API", 201),

      // Établissements (EJ, EG) and their tree (offre service).
      R(Verb::post, "/api/v1/etablissements/import", "offre", kEtablissement,
        "ImportEtablissements", "Importer des établissements FINESS"),
      R(Verb::get, "/api/v1/etablissements/{finess_eg}", "offre", kEtablissement,
        "GetEtablissement", "Un établissement géographique"),
      R(Verb::post, "/api/v1/entites-juridiques/import", "offre", kEtablissement,
        "ImportEntitesJuridiques", "Importer des entités juridiques FINESS"),
      R(Verb::get, "/api/v1/entites-juridiques/{finess_ej}", "offre", kEtablissement,
        "GetEntiteJuridique", "Une entité juridique"),
      R(Verb::get, "/api/v1/etablissements/{finess_eg}/tree", "offre", kOrganisation,
        "GetEtablissementTree", "L'arborescence d'un établissement (pôles, services, UF)"),
      R(Verb::get, "/api/v1/etablissements/{finess_eg}/quality", "offre", kOffre,
        "GetQualityReport", "Le rapport qualité des offres d'un établissement"),
      R(Verb::get, "/api/v1/etablissements/{finess_eg}/modeles-saisie", "offre", kOffre,
        "ListModelesSaisie", "Les modèles de saisie d'un établissement"),
      R(Verb::get, "/api/v1/etablissements/{finess_eg}/offres-fermees", "offre", kOffre,
        "ListOffresFermees", "Les offres fermées d'un établissement"),
      R(Verb::get, "/api/v1/actions-en-attente", "offre", kOffre, "ListActionsEnAttente",
        "Les actions en attente (brouillons à valider)"),
      R(Verb::post, "/api/v1/organisations", "offre", kOrganisation, "CreateOrganisation",
        "Créer une organisation interne", 201),
      R(Verb::get, "/api/v1/organisations/{organisation_id}", "offre", kOrganisation,
        "GetOrganisation", "Une organisation interne"),
      R(Verb::patch, "/api/v1/organisations/{organisation_id}", "offre", kOrganisation,
        "UpdateOrganisation", "Modifier une organisation interne"),
      R(Verb::post, "/api/v1/organisations/{organisation_id}/close", "offre", kOrganisation,
        "CloseOrganisation", "Fermer une organisation interne"),
      R(Verb::get, "/api/v1/organisations/{organisation_id}/breadcrumb", "offre", kOrganisation,
        "GetBreadcrumb", "Le fil d'Ariane d'une organisation"),

      // Offres (offre service).
      R(Verb::post, "/api/v1/offres", "offre", kOffre, "CreateOffre", "Créer une offre", 201),
      R(Verb::get, "/api/v1/offres/{offre_id}", "offre", kOffre, "GetOffre", "Une offre"),
      R(Verb::put, "/api/v1/offres/{offre_id}/draft", "offre", kOffre, "SaveDraft",
        "Enregistrer le brouillon d'une offre (une étape)"),
      R(Verb::delete_, "/api/v1/offres/{offre_id}/draft", "offre", kOffre, "DiscardDraft",
        "Abandonner le brouillon"),
      R(Verb::post, "/api/v1/offres/{offre_id}/validate", "offre", kOffre, "ValidateDraft",
        "Valider le brouillon (publier l'offre)"),
      R(Verb::post, "/api/v1/offres/{offre_id}/duplicate", "offre", kOffre, "DuplicateOffre",
        "Dupliquer une offre", 201),
      R(Verb::post, "/api/v1/offres/{offre_id}/close", "offre", kOffre, "CloseOffre",
        "Fermer une offre"),
      R(Verb::post, "/api/v1/offres/{offre_id}/reopen", "offre", kOffre, "ReopenOffre",
        "Rouvrir une offre"),
      R(Verb::post, "/api/v1/offres/{offre_id}/move", "offre", kOffre, "MoveOffre",
        "Déplacer une offre"),

      // Search (search service).
      R(Verb::post, "/api/v1/search", "search", kSearch, "Search",
        "Rechercher (mots clés, avancée, guidée)"),
      File(R(Verb::post, "/api/v1/search/export", "search", kSearch, "ExportSearch",
             "Exporter le résultat d'une recherche en CSV (les colonnes que l'appelant peut voir)"),
           "text/csv; charset=utf-8", "recherche-ror.csv"),
      R(Verb::get, "/api/v1/search/suggestions", "search", kSearch, "Suggest",
        "Recherche simplifiée : les noms qui commencent ainsi"),
      R(Verb::get, "/api/v1/search/guide", "search", kSearch, "GetGuide",
        "L'arbre de la recherche guidée"),
      R(Verb::get, "/api/v1/search/status", "search", kSearch, "GetIndexStatus",
        "L'état de l'index de recherche"),
      R(Verb::get, "/api/v1/saved-searches", "search", kSearch, "ListSavedSearches",
        "Mes recherches enregistrées"),
      R(Verb::post, "/api/v1/saved-searches", "search", kSearch, "SaveSearch",
        "Enregistrer une recherche", 201),
      R(Verb::delete_, "/api/v1/saved-searches/{id}", "search", kSearch, "DeleteSavedSearch",
        "Supprimer une recherche enregistrée"),
  };
  return *routes;
}

}  // namespace ror::gateway::rest
