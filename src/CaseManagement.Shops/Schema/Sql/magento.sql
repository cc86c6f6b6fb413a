-- Magento Open Source 2.4 tables from the modules' etc/db_schema.xml (Store, Customer, Directory, Sales,
-- Quote, User, Authorization, Security, Integration, JwtUserToken, Vault, Persistent,
-- AsynchronousOperations, MysqlMq, Config, Cms). Columns are those a data-leak investigation reads, with the
-- real types; index names are Magento's generated ones, which carry no table prefix. Foreign keys are
-- left out: the generators write in bulk and readers never depend on them.

CREATE TABLE IF NOT EXISTS `{prefix}store_website` (
  website_id smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  code varchar(32) DEFAULT NULL,
  name varchar(64) DEFAULT NULL,
  sort_order smallint(5) unsigned NOT NULL DEFAULT 0,
  default_group_id smallint(5) unsigned NOT NULL DEFAULT 0,
  is_default smallint(5) unsigned DEFAULT 0,
  PRIMARY KEY (website_id),
  UNIQUE KEY STORE_WEBSITE_CODE (code),
  KEY STORE_WEBSITE_SORT_ORDER (sort_order),
  KEY STORE_WEBSITE_DEFAULT_GROUP_ID (default_group_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}store_group` (
  group_id smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  website_id smallint(5) unsigned NOT NULL DEFAULT 0,
  name varchar(255) NOT NULL,
  root_category_id int(10) unsigned NOT NULL DEFAULT 0,
  default_store_id smallint(5) unsigned NOT NULL DEFAULT 0,
  code varchar(32) DEFAULT NULL,
  PRIMARY KEY (group_id),
  UNIQUE KEY STORE_GROUP_CODE (code),
  KEY STORE_GROUP_WEBSITE_ID (website_id),
  KEY STORE_GROUP_DEFAULT_STORE_ID (default_store_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}store` (
  store_id smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  code varchar(32) DEFAULT NULL,
  website_id smallint(5) unsigned NOT NULL DEFAULT 0,
  group_id smallint(5) unsigned NOT NULL DEFAULT 0,
  name varchar(255) NOT NULL,
  sort_order smallint(5) unsigned NOT NULL DEFAULT 0,
  is_active smallint(5) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (store_id),
  UNIQUE KEY STORE_CODE (code),
  KEY STORE_WEBSITE_ID (website_id),
  KEY STORE_IS_ACTIVE_SORT_ORDER (is_active,sort_order),
  KEY STORE_GROUP_ID (group_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}core_config_data` (
  config_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  scope varchar(8) NOT NULL DEFAULT 'default',
  scope_id int(11) NOT NULL DEFAULT 0,
  path varchar(255) NOT NULL DEFAULT 'general',
  value text DEFAULT NULL,
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (config_id),
  UNIQUE KEY CORE_CONFIG_DATA_SCOPE_SCOPE_ID_PATH (scope,scope_id,path)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}directory_country_region` (
  region_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  country_id varchar(4) NOT NULL DEFAULT '0',
  code varchar(32) DEFAULT NULL,
  default_name varchar(255) DEFAULT NULL,
  PRIMARY KEY (region_id),
  KEY DIRECTORY_COUNTRY_REGION_COUNTRY_ID (country_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}customer_entity` (
  entity_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  website_id smallint(5) unsigned DEFAULT NULL,
  email varchar(255) DEFAULT NULL,
  group_id smallint(5) unsigned NOT NULL DEFAULT 0,
  increment_id varchar(50) DEFAULT NULL,
  store_id smallint(5) unsigned DEFAULT 0,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  is_active smallint(5) unsigned NOT NULL DEFAULT 1,
  disable_auto_group_change smallint(5) unsigned NOT NULL DEFAULT 0,
  created_in varchar(255) DEFAULT NULL,
  prefix varchar(40) DEFAULT NULL,
  firstname varchar(255) DEFAULT NULL,
  middlename varchar(255) DEFAULT NULL,
  lastname varchar(255) DEFAULT NULL,
  suffix varchar(40) DEFAULT NULL,
  dob date DEFAULT NULL,
  password_hash varchar(128) DEFAULT NULL,
  rp_token varchar(128) DEFAULT NULL,
  rp_token_created_at datetime DEFAULT NULL,
  default_billing int(10) unsigned DEFAULT NULL,
  default_shipping int(10) unsigned DEFAULT NULL,
  taxvat varchar(50) DEFAULT NULL,
  confirmation varchar(64) DEFAULT NULL,
  gender smallint(5) unsigned DEFAULT NULL,
  failures_num smallint(6) DEFAULT 0,
  first_failure timestamp NULL DEFAULT NULL,
  lock_expires timestamp NULL DEFAULT NULL,
  session_cutoff timestamp NULL DEFAULT NULL,
  PRIMARY KEY (entity_id),
  UNIQUE KEY CUSTOMER_ENTITY_EMAIL_WEBSITE_ID (email,website_id),
  KEY CUSTOMER_ENTITY_STORE_ID (store_id),
  KEY CUSTOMER_ENTITY_WEBSITE_ID (website_id),
  KEY CUSTOMER_ENTITY_FIRSTNAME (firstname),
  KEY CUSTOMER_ENTITY_LASTNAME (lastname)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}customer_address_entity` (
  entity_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  increment_id varchar(50) DEFAULT NULL,
  parent_id int(10) unsigned DEFAULT NULL,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  is_active smallint(5) unsigned NOT NULL DEFAULT 1,
  city varchar(255) NOT NULL,
  company varchar(255) DEFAULT NULL,
  country_id varchar(255) NOT NULL,
  fax varchar(255) DEFAULT NULL,
  firstname varchar(255) NOT NULL,
  lastname varchar(255) NOT NULL,
  middlename varchar(255) DEFAULT NULL,
  postcode varchar(255) DEFAULT NULL,
  prefix varchar(40) DEFAULT NULL,
  region varchar(255) DEFAULT NULL,
  region_id int(10) unsigned DEFAULT NULL,
  street text NOT NULL,
  suffix varchar(40) DEFAULT NULL,
  telephone varchar(255) NOT NULL,
  vat_id varchar(255) DEFAULT NULL,
  PRIMARY KEY (entity_id),
  KEY CUSTOMER_ADDRESS_ENTITY_PARENT_ID (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}sales_order` (
  entity_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  state varchar(32) DEFAULT NULL,
  status varchar(32) DEFAULT NULL,
  coupon_code varchar(255) DEFAULT NULL,
  protect_code varchar(255) DEFAULT NULL,
  shipping_description varchar(255) DEFAULT NULL,
  is_virtual smallint(5) unsigned DEFAULT NULL,
  store_id smallint(5) unsigned DEFAULT NULL,
  customer_id int(10) unsigned DEFAULT NULL,
  base_discount_amount decimal(20,4) DEFAULT NULL,
  base_grand_total decimal(20,4) DEFAULT NULL,
  base_shipping_amount decimal(20,4) DEFAULT NULL,
  base_subtotal decimal(20,4) DEFAULT NULL,
  base_tax_amount decimal(20,4) DEFAULT NULL,
  base_to_global_rate decimal(20,4) DEFAULT NULL,
  base_to_order_rate decimal(20,4) DEFAULT NULL,
  base_total_online_refunded decimal(20,4) DEFAULT NULL,
  base_total_paid decimal(20,4) DEFAULT NULL,
  base_total_refunded decimal(20,4) DEFAULT NULL,
  discount_amount decimal(20,4) DEFAULT NULL,
  grand_total decimal(20,4) DEFAULT NULL,
  shipping_amount decimal(20,4) DEFAULT NULL,
  subtotal decimal(20,4) DEFAULT NULL,
  tax_amount decimal(20,4) DEFAULT NULL,
  total_online_refunded decimal(20,4) DEFAULT NULL,
  total_paid decimal(20,4) DEFAULT NULL,
  total_qty_ordered decimal(12,4) DEFAULT NULL,
  total_refunded decimal(20,4) DEFAULT NULL,
  customer_is_guest smallint(5) unsigned DEFAULT NULL,
  customer_note_notify smallint(5) unsigned DEFAULT NULL,
  billing_address_id int(11) DEFAULT NULL,
  customer_group_id int(11) DEFAULT NULL,
  email_sent smallint(6) DEFAULT NULL,
  send_email smallint(5) unsigned DEFAULT NULL,
  quote_id int(11) DEFAULT NULL,
  shipping_address_id int(11) DEFAULT NULL,
  base_total_due decimal(20,4) DEFAULT NULL,
  total_due decimal(20,4) DEFAULT NULL,
  weight decimal(12,4) DEFAULT NULL,
  customer_dob datetime DEFAULT NULL,
  increment_id varchar(50) DEFAULT NULL,
  base_currency_code varchar(3) DEFAULT NULL,
  customer_email varchar(128) DEFAULT NULL,
  customer_firstname varchar(128) DEFAULT NULL,
  customer_lastname varchar(128) DEFAULT NULL,
  customer_middlename varchar(128) DEFAULT NULL,
  customer_prefix varchar(32) DEFAULT NULL,
  customer_suffix varchar(32) DEFAULT NULL,
  customer_taxvat varchar(32) DEFAULT NULL,
  ext_order_id varchar(32) DEFAULT NULL,
  global_currency_code varchar(3) DEFAULT NULL,
  order_currency_code varchar(3) DEFAULT NULL,
  remote_ip varchar(45) DEFAULT NULL,
  shipping_method varchar(120) DEFAULT NULL,
  store_currency_code varchar(3) DEFAULT NULL,
  store_name varchar(255) DEFAULT NULL,
  x_forwarded_for varchar(255) DEFAULT NULL,
  customer_note text DEFAULT NULL,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  total_item_count smallint(5) unsigned NOT NULL DEFAULT 0,
  customer_gender int(11) DEFAULT NULL,
  PRIMARY KEY (entity_id),
  UNIQUE KEY SALES_ORDER_INCREMENT_ID_STORE_ID (increment_id,store_id),
  KEY SALES_ORDER_STATUS (status),
  KEY SALES_ORDER_STATE (state),
  KEY SALES_ORDER_STORE_ID (store_id),
  KEY SALES_ORDER_CREATED_AT (created_at),
  KEY SALES_ORDER_CUSTOMER_ID (customer_id),
  KEY SALES_ORDER_EXT_ORDER_ID (ext_order_id),
  KEY SALES_ORDER_QUOTE_ID (quote_id),
  KEY SALES_ORDER_UPDATED_AT (updated_at),
  KEY SALES_ORDER_SEND_EMAIL (send_email),
  KEY SALES_ORDER_EMAIL_SENT (email_sent),
  KEY SALES_ORDER_STORE_STATE_CREATED (store_id,state,created_at),
  KEY SALES_ORDER_CUSTOMER_EMAIL_CUSTOMER_IS_GUEST_STORE_ID (customer_email,customer_is_guest,store_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}sales_order_address` (
  entity_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  parent_id int(10) unsigned DEFAULT NULL,
  customer_address_id int(11) DEFAULT NULL,
  quote_address_id int(11) DEFAULT NULL,
  region_id int(11) DEFAULT NULL,
  customer_id int(11) DEFAULT NULL,
  fax varchar(255) DEFAULT NULL,
  region varchar(255) DEFAULT NULL,
  postcode varchar(255) DEFAULT NULL,
  lastname varchar(255) DEFAULT NULL,
  street varchar(255) DEFAULT NULL,
  city varchar(255) DEFAULT NULL,
  email varchar(255) DEFAULT NULL,
  telephone varchar(255) DEFAULT NULL,
  country_id varchar(2) DEFAULT NULL,
  firstname varchar(255) DEFAULT NULL,
  address_type varchar(255) DEFAULT NULL,
  prefix varchar(255) DEFAULT NULL,
  middlename varchar(255) DEFAULT NULL,
  suffix varchar(255) DEFAULT NULL,
  company varchar(255) DEFAULT NULL,
  vat_id text DEFAULT NULL,
  PRIMARY KEY (entity_id),
  KEY SALES_ORDER_ADDRESS_PARENT_ID (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}sales_order_payment` (
  entity_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  parent_id int(10) unsigned NOT NULL,
  base_shipping_amount decimal(20,4) DEFAULT NULL,
  shipping_amount decimal(20,4) DEFAULT NULL,
  amount_refunded decimal(20,4) DEFAULT NULL,
  base_amount_paid decimal(20,4) DEFAULT NULL,
  amount_paid decimal(20,4) DEFAULT NULL,
  base_amount_ordered decimal(20,4) DEFAULT NULL,
  base_amount_refunded decimal(20,4) DEFAULT NULL,
  amount_ordered decimal(20,4) DEFAULT NULL,
  additional_data text DEFAULT NULL,
  cc_exp_month varchar(12) DEFAULT NULL,
  method varchar(128) DEFAULT NULL,
  cc_last_4 varchar(100) DEFAULT NULL,
  last_trans_id varchar(255) DEFAULT NULL,
  cc_owner varchar(128) DEFAULT NULL,
  cc_type varchar(32) DEFAULT NULL,
  cc_exp_year varchar(4) DEFAULT NULL,
  cc_number_enc varchar(128) DEFAULT NULL,
  cc_trans_id varchar(32) DEFAULT NULL,
  additional_information text DEFAULT NULL,
  PRIMARY KEY (entity_id),
  KEY SALES_ORDER_PAYMENT_PARENT_ID (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}quote` (
  entity_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  store_id smallint(5) unsigned NOT NULL DEFAULT 0,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  converted_at timestamp NULL DEFAULT NULL,
  is_active smallint(5) unsigned DEFAULT 1,
  is_virtual smallint(5) unsigned DEFAULT 0,
  items_count int(10) unsigned DEFAULT 0,
  items_qty decimal(12,4) DEFAULT 0.0000,
  orig_order_id int(10) unsigned DEFAULT 0,
  base_currency_code varchar(255) DEFAULT NULL,
  quote_currency_code varchar(255) DEFAULT NULL,
  grand_total decimal(20,4) DEFAULT 0.0000,
  base_grand_total decimal(20,4) DEFAULT 0.0000,
  checkout_method varchar(255) DEFAULT NULL,
  customer_id int(10) unsigned DEFAULT NULL,
  customer_group_id int(10) unsigned DEFAULT 0,
  customer_email varchar(255) DEFAULT NULL,
  customer_prefix varchar(40) DEFAULT NULL,
  customer_firstname varchar(255) DEFAULT NULL,
  customer_middlename varchar(40) DEFAULT NULL,
  customer_lastname varchar(255) DEFAULT NULL,
  customer_suffix varchar(40) DEFAULT NULL,
  customer_dob datetime DEFAULT NULL,
  customer_note varchar(255) DEFAULT NULL,
  customer_is_guest smallint(5) unsigned DEFAULT 0,
  remote_ip varchar(45) DEFAULT NULL,
  reserved_order_id varchar(64) DEFAULT NULL,
  customer_taxvat varchar(255) DEFAULT NULL,
  customer_gender varchar(255) DEFAULT NULL,
  is_persistent smallint(5) unsigned DEFAULT 0,
  PRIMARY KEY (entity_id),
  KEY QUOTE_CUSTOMER_ID_STORE_ID_IS_ACTIVE (customer_id,store_id,is_active),
  KEY QUOTE_STORE_ID (store_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}quote_address` (
  address_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  quote_id int(10) unsigned NOT NULL DEFAULT 0,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  customer_id int(10) unsigned DEFAULT NULL,
  save_in_address_book smallint(6) DEFAULT 0,
  customer_address_id int(10) unsigned DEFAULT NULL,
  address_type varchar(10) DEFAULT NULL,
  email varchar(255) DEFAULT NULL,
  prefix varchar(40) DEFAULT NULL,
  firstname varchar(255) DEFAULT NULL,
  middlename varchar(40) DEFAULT NULL,
  lastname varchar(255) DEFAULT NULL,
  suffix varchar(40) DEFAULT NULL,
  company varchar(255) DEFAULT NULL,
  street varchar(255) DEFAULT NULL,
  city varchar(255) DEFAULT NULL,
  region varchar(255) DEFAULT NULL,
  region_id int(10) unsigned DEFAULT NULL,
  postcode varchar(20) DEFAULT NULL,
  country_id varchar(30) DEFAULT NULL,
  telephone varchar(255) DEFAULT NULL,
  fax varchar(255) DEFAULT NULL,
  same_as_billing smallint(5) unsigned NOT NULL DEFAULT 0,
  shipping_method varchar(120) DEFAULT NULL,
  grand_total decimal(20,4) NOT NULL DEFAULT 0.0000,
  PRIMARY KEY (address_id),
  KEY QUOTE_ADDRESS_QUOTE_ID (quote_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}vault_payment_token` (
  entity_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  customer_id int(10) unsigned DEFAULT NULL,
  public_hash varchar(128) NOT NULL,
  payment_method_code varchar(128) NOT NULL,
  type varchar(128) NOT NULL,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  expires_at timestamp NULL DEFAULT NULL,
  gateway_token varchar(255) NOT NULL,
  details text DEFAULT NULL,
  is_active tinyint(1) NOT NULL DEFAULT 1,
  is_visible tinyint(1) NOT NULL DEFAULT 1,
  PRIMARY KEY (entity_id),
  UNIQUE KEY VAULT_PAYMENT_TOKEN_PAYMENT_METHOD_CODE_CSTR_ID_GATEWAY_TOKEN (payment_method_code,customer_id,gateway_token),
  UNIQUE KEY VAULT_PAYMENT_TOKEN_PUBLIC_HASH (public_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}persistent_session` (
  persistent_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  `key` varchar(50) NOT NULL,
  customer_id int(10) unsigned DEFAULT NULL,
  website_id smallint(5) unsigned NOT NULL DEFAULT 0,
  info text DEFAULT NULL,
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (persistent_id),
  UNIQUE KEY PERSISTENT_SESSION_KEY (`key`),
  UNIQUE KEY PERSISTENT_SESSION_CUSTOMER_ID (customer_id),
  KEY PERSISTENT_SESSION_UPDATED_AT (updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}admin_user` (
  user_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  firstname varchar(32) DEFAULT NULL,
  lastname varchar(32) DEFAULT NULL,
  email varchar(128) DEFAULT NULL,
  username varchar(40) DEFAULT NULL,
  password varchar(255) NOT NULL,
  created timestamp NOT NULL DEFAULT current_timestamp(),
  modified timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  logdate timestamp NULL DEFAULT NULL,
  lognum smallint(5) unsigned NOT NULL DEFAULT 0,
  reload_acl_flag smallint(6) NOT NULL DEFAULT 0,
  is_active smallint(6) NOT NULL DEFAULT 1,
  extra text DEFAULT NULL,
  rp_token text DEFAULT NULL,
  rp_token_created_at timestamp NULL DEFAULT NULL,
  interface_locale varchar(16) NOT NULL DEFAULT 'en_US',
  failures_num smallint(6) DEFAULT 0,
  first_failure timestamp NULL DEFAULT NULL,
  lock_expires timestamp NULL DEFAULT NULL,
  PRIMARY KEY (user_id),
  UNIQUE KEY ADMIN_USER_USERNAME (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}authorization_role` (
  role_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  parent_id int(10) unsigned NOT NULL DEFAULT 0,
  tree_level smallint(5) unsigned NOT NULL DEFAULT 0,
  sort_order smallint(5) unsigned NOT NULL DEFAULT 0,
  role_type varchar(1) NOT NULL DEFAULT '0',
  user_id int(10) unsigned NOT NULL DEFAULT 0,
  user_type varchar(16) DEFAULT NULL,
  role_name varchar(50) DEFAULT NULL,
  PRIMARY KEY (role_id),
  KEY AUTHORIZATION_ROLE_PARENT_ID_SORT_ORDER (parent_id,sort_order),
  KEY AUTHORIZATION_ROLE_TREE_LEVEL (tree_level)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}authorization_rule` (
  rule_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  role_id int(10) unsigned NOT NULL DEFAULT 0,
  resource_id varchar(255) DEFAULT NULL,
  privileges varchar(20) DEFAULT NULL,
  permission varchar(10) DEFAULT NULL,
  PRIMARY KEY (rule_id),
  KEY AUTHORIZATION_RULE_RESOURCE_ID_ROLE_ID (resource_id,role_id),
  KEY AUTHORIZATION_RULE_ROLE_ID_RESOURCE_ID (role_id,resource_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}admin_user_session` (
  id int(10) unsigned NOT NULL AUTO_INCREMENT,
  session_id varchar(1) DEFAULT NULL,
  user_id int(10) unsigned DEFAULT NULL,
  status smallint(5) unsigned NOT NULL DEFAULT 1,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  ip varchar(15) NOT NULL,
  PRIMARY KEY (id),
  KEY ADMIN_USER_SESSION_SESSION_ID (session_id),
  KEY ADMIN_USER_SESSION_USER_ID (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}oauth_consumer` (
  entity_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NULL DEFAULT '0000-00-00 00:00:00' ON UPDATE current_timestamp(),
  name varchar(255) NOT NULL,
  `key` varchar(32) NOT NULL,
  secret varchar(128) NOT NULL,
  callback_url text DEFAULT NULL,
  rejected_callback_url text NOT NULL,
  PRIMARY KEY (entity_id),
  UNIQUE KEY OAUTH_CONSUMER_KEY (`key`),
  UNIQUE KEY OAUTH_CONSUMER_SECRET (secret),
  KEY OAUTH_CONSUMER_CREATED_AT (created_at),
  KEY OAUTH_CONSUMER_UPDATED_AT (updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}oauth_token` (
  entity_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  consumer_id int(10) unsigned DEFAULT NULL,
  admin_id int(10) unsigned DEFAULT NULL,
  customer_id int(10) unsigned DEFAULT NULL,
  type varchar(16) NOT NULL,
  token varchar(32) NOT NULL,
  secret varchar(128) NOT NULL,
  verifier varchar(32) DEFAULT NULL,
  callback_url text NOT NULL,
  revoked smallint(5) unsigned NOT NULL DEFAULT 0,
  authorized smallint(5) unsigned NOT NULL DEFAULT 0,
  user_type int(11) DEFAULT NULL,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  PRIMARY KEY (entity_id),
  UNIQUE KEY OAUTH_TOKEN_TOKEN (token),
  KEY OAUTH_TOKEN_CONSUMER_ID (consumer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}integration` (
  integration_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  name varchar(255) NOT NULL,
  email varchar(255) NOT NULL,
  endpoint varchar(255) DEFAULT NULL,
  status smallint(5) unsigned NOT NULL,
  consumer_id int(10) unsigned DEFAULT NULL,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NOT NULL DEFAULT '0000-00-00 00:00:00' ON UPDATE current_timestamp(),
  setup_type smallint(5) unsigned NOT NULL DEFAULT 0,
  identity_link_url varchar(255) DEFAULT NULL,
  PRIMARY KEY (integration_id),
  UNIQUE KEY INTEGRATION_NAME (name),
  UNIQUE KEY INTEGRATION_CONSUMER_ID (consumer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}jwt_auth_revoked` (
  user_type_id int(10) unsigned NOT NULL,
  user_id int(10) unsigned NOT NULL,
  revoke_before bigint(20) unsigned NOT NULL,
  PRIMARY KEY (user_type_id,user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}magento_bulk` (
  id int(10) unsigned NOT NULL AUTO_INCREMENT,
  uuid varbinary(39) DEFAULT NULL,
  user_id int(10) unsigned DEFAULT NULL,
  description varchar(255) DEFAULT NULL,
  operation_count int(10) unsigned NOT NULL,
  start_time timestamp NOT NULL DEFAULT current_timestamp(),
  PRIMARY KEY (id),
  UNIQUE KEY MAGENTO_BULK_UUID (uuid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}queue_message` (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  topic_name varchar(255) DEFAULT NULL,
  body longtext DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- CMS content is where skimmers hide besides design/head/includes and design/footer/absolute_footer.
CREATE TABLE IF NOT EXISTS `{prefix}cms_block` (
  block_id smallint(6) NOT NULL AUTO_INCREMENT,
  title varchar(255) NOT NULL,
  identifier varchar(255) NOT NULL,
  content mediumtext DEFAULT NULL,
  creation_time timestamp NOT NULL DEFAULT current_timestamp(),
  update_time timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  is_active smallint(6) NOT NULL DEFAULT 1,
  PRIMARY KEY (block_id),
  FULLTEXT KEY CMS_BLOCK_TITLE_IDENTIFIER_CONTENT (title,identifier,content)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}cms_page` (
  page_id smallint(6) NOT NULL AUTO_INCREMENT,
  title varchar(255) DEFAULT NULL,
  page_layout varchar(255) DEFAULT NULL,
  meta_keywords text DEFAULT NULL,
  meta_description text DEFAULT NULL,
  identifier varchar(100) DEFAULT NULL,
  content_heading varchar(255) DEFAULT NULL,
  content mediumtext DEFAULT NULL,
  creation_time timestamp NOT NULL DEFAULT current_timestamp(),
  update_time timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  is_active smallint(6) NOT NULL DEFAULT 1,
  sort_order smallint(6) NOT NULL DEFAULT 0,
  layout_update_xml text DEFAULT NULL,
  custom_theme varchar(100) DEFAULT NULL,
  custom_root_template varchar(255) DEFAULT NULL,
  custom_layout_update_xml text DEFAULT NULL,
  custom_theme_from date DEFAULT NULL,
  custom_theme_to date DEFAULT NULL,
  meta_title varchar(255) DEFAULT NULL,
  PRIMARY KEY (page_id),
  KEY CMS_PAGE_IDENTIFIER (identifier),
  FULLTEXT KEY CMS_PAGE_TITLE_META_KEYWORDS_META_DESCRIPTION_IDENTIFIER_CONTENT (title,meta_keywords,meta_description,identifier,content)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- Framework tables setup:install creates (not in a module's db_schema.xml): the modules registered with their schema
-- and data versions (Magento\Framework\Module\ModuleResource) and the patches applied, by class name
-- (Magento\Framework\Setup\Patch\PatchHistory). Column sizes are those of 2.4 installs as we read them; detection only
-- reads the names.
CREATE TABLE IF NOT EXISTS `{prefix}setup_module` (
  module varchar(50) NOT NULL,
  schema_version varchar(50) DEFAULT NULL,
  data_version varchar(50) DEFAULT NULL,
  PRIMARY KEY (module)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS `{prefix}patch_list` (
  patch_id int(11) NOT NULL AUTO_INCREMENT,
  patch_name varchar(1024) NOT NULL,
  PRIMARY KEY (patch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- Regions in the order Magento's InitializeDirectoryData inserts them, so region_id matches a real
-- install (California = 12, Ontario = 74, Bayern = 81). German codes are the ISO 3166-2 ones that
-- UpdateRegionCodesForGermanyV1 sets (older installs still have NDS, BAW, BAY, ...).
INSERT IGNORE INTO `{prefix}directory_country_region` (region_id, country_id, code, default_name) VALUES
(1,'US','AL','Alabama'),(2,'US','AK','Alaska'),(3,'US','AS','American Samoa'),(4,'US','AZ','Arizona'),
(5,'US','AR','Arkansas'),(6,'US','AE','Armed Forces Africa'),(7,'US','AA','Armed Forces Americas'),
(8,'US','AE','Armed Forces Canada'),(9,'US','AE','Armed Forces Europe'),(10,'US','AE','Armed Forces Middle East'),
(11,'US','AP','Armed Forces Pacific'),(12,'US','CA','California'),(13,'US','CO','Colorado'),(14,'US','CT','Connecticut'),
(15,'US','DE','Delaware'),(16,'US','DC','District of Columbia'),(17,'US','FM','Federated States Of Micronesia'),
(18,'US','FL','Florida'),(19,'US','GA','Georgia'),(20,'US','GU','Guam'),(21,'US','HI','Hawaii'),(22,'US','ID','Idaho'),
(23,'US','IL','Illinois'),(24,'US','IN','Indiana'),(25,'US','IA','Iowa'),(26,'US','KS','Kansas'),(27,'US','KY','Kentucky'),
(28,'US','LA','Louisiana'),(29,'US','ME','Maine'),(30,'US','MH','Marshall Islands'),(31,'US','MD','Maryland'),
(32,'US','MA','Massachusetts'),(33,'US','MI','Michigan'),(34,'US','MN','Minnesota'),(35,'US','MS','Mississippi'),
(36,'US','MO','Missouri'),(37,'US','MT','Montana'),(38,'US','NE','Nebraska'),(39,'US','NV','Nevada'),
(40,'US','NH','New Hampshire'),(41,'US','NJ','New Jersey'),(42,'US','NM','New Mexico'),(43,'US','NY','New York'),
(44,'US','NC','North Carolina'),(45,'US','ND','North Dakota'),(46,'US','MP','Northern Mariana Islands'),
(47,'US','OH','Ohio'),(48,'US','OK','Oklahoma'),(49,'US','OR','Oregon'),(50,'US','PW','Palau'),(51,'US','PA','Pennsylvania'),
(52,'US','PR','Puerto Rico'),(53,'US','RI','Rhode Island'),(54,'US','SC','South Carolina'),(55,'US','SD','South Dakota'),
(56,'US','TN','Tennessee'),(57,'US','TX','Texas'),(58,'US','UT','Utah'),(59,'US','VT','Vermont'),(60,'US','VI','Virgin Islands'),
(61,'US','VA','Virginia'),(62,'US','WA','Washington'),(63,'US','WV','West Virginia'),(64,'US','WI','Wisconsin'),
(65,'US','WY','Wyoming'),
(66,'CA','AB','Alberta'),(67,'CA','BC','British Columbia'),(68,'CA','MB','Manitoba'),(69,'CA','NL','Newfoundland and Labrador'),
(70,'CA','NB','New Brunswick'),(71,'CA','NS','Nova Scotia'),(72,'CA','NT','Northwest Territories'),(73,'CA','NU','Nunavut'),
(74,'CA','ON','Ontario'),(75,'CA','PE','Prince Edward Island'),(76,'CA','QC','Quebec'),(77,'CA','SK','Saskatchewan'),
(78,'CA','YT','Yukon Territory'),
(79,'DE','NI','Niedersachsen'),(80,'DE','BW','Baden-Württemberg'),(81,'DE','BY','Bayern'),(82,'DE','BE','Berlin'),
(83,'DE','BB','Brandenburg'),(84,'DE','HB','Bremen'),(85,'DE','HH','Hamburg'),(86,'DE','HE','Hessen'),
(87,'DE','MV','Mecklenburg-Vorpommern'),(88,'DE','NW','Nordrhein-Westfalen'),(89,'DE','RP','Rheinland-Pfalz'),
(90,'DE','SL','Saarland'),(91,'DE','SN','Sachsen'),(92,'DE','ST','Sachsen-Anhalt'),(93,'DE','SH','Schleswig-Holstein'),
(94,'DE','TH','Thüringen');
